#!/usr/bin/env bash
# The studio's browser test (part of `make test`): Playwright from PyPI, in a virtual environment
# under .build/, driving Debian's chromium headless (no browser download) against the real
# `docengine serve`. Prints "N passed, N failed" last.
#
# Environment: BIN (the docengine binary; default: the debug build), CHROMIUM (default: chromium on
# PATH), PYTHON (default: python3), SCREENSHOTS (a folder to write the studio's screenshots to).
set -euo pipefail
cd "$(dirname "$0")/.."

PLAYWRIGHT_VERSION="1.65.3"
BIN="${BIN:-$(swift build --show-bin-path)/docengine}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
PYTHON="${PYTHON:-python3}"
VENV=".build/studio-venv"

if [ ! -x "$BIN" ]; then
  echo "error: $BIN is missing; run swift build first" >&2
  exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "error: chromium is missing; scripts/ensure-deps.sh installs it (apt-get install chromium)" >&2
  exit 1
fi
if ! "$VENV/bin/python" -c "import playwright, sys; from importlib.metadata import version; sys.exit(version('playwright') != '$PLAYWRIGHT_VERSION')" 2>/dev/null; then
  echo "Installing Playwright $PLAYWRIGHT_VERSION (PyPI) into $VENV; the browser is Debian's chromium"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$VENV/bin/pip" install --quiet --disable-pip-version-check "playwright==$PLAYWRIGHT_VERSION"
fi

arguments=(--bin "$BIN" --chromium "$CHROMIUM")
if [ -n "${SCREENSHOTS:-}" ]; then arguments+=(--screenshots "$SCREENSHOTS"); fi
exec "$VENV/bin/python" Tests/Browser/studio_test.py "${arguments[@]}"
