#!/usr/bin/env bash
# Installs the Debian packages DocEngine needs, only when some are missing, so a second
# `make` is instant. Fails with a clear message when it cannot install them.
set -euo pipefail

PACKAGES=(
  pkg-config
  libcairo2-dev      # PDF and PNG output
  libdeflate-dev     # compresses the streams cairo writes into PDFs (Sources/CPDFStreams)
  libharfbuzz-dev    # text shaping
  libfreetype-dev    # font loading for cairo
  libpng-dev         # PNG decoding (through cairo)
  libjpeg-dev        # JPEG decoding
  libunibreak-dev    # Unicode line breaking (UAX #14)
  libqrencode-dev    # QR codes (tracking links on documents)
  librsvg2-dev       # SVG logos and stamps, drawn as vectors
  libxlsxwriter-dev  # XLSX output (a template's table export)
  libsqlite3-dev     # service metadata (GRDB uses the system SQLite)
  poppler-utils      # pdftotext, pdffonts, pdfinfo, pdftoppm: used by the tests
  qpdf               # structural PDF checks in the tests
  zbar-tools         # zbarimg: decodes rendered QR codes in the tests
  libreoffice-calc-nogui  # the tests convert XLSX with LibreOffice headless (large: ~300 MB, tests only)
  wrk                # HTTP load generator for `make bench-service`
  chromium           # the studio's browser test (headless, driven by Playwright)
  python3-venv       # venvs for openpyxl (reads XLSX back), schemathesis and Playwright (PyPI) in `make test`
  curl               # the scripts' HTTP requests (SigV4-signed ones included)
  postgresql         # the cluster store's tests and `make bench-cluster` (initdb in a temp folder)
  nginx              # the three-node layout of docs/deployment.md, tested and benchmarked
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "error: missing packages ${missing[*]} and no root or sudo to install them." >&2
  echo "       Run: apt-get install ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq || ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "error: apt-get could not install: ${missing[*]}" >&2
  exit 1
fi
