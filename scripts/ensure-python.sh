#!/usr/bin/env bash
# The tests' own Python: a venv in .build/test-python with openpyxl, the independent reader the
# spreadsheet tests check XLSX files with. Created once (from PyPI), then instant; `make clean`
# removes it with .build. Prints nothing when it is ready.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.build/test-python
OPENPYXL=openpyxl==3.1.5

ready() { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import openpyxl" 2>/dev/null; }
ready && exit 0
# Parallel tests call this at once: one makes the venv, the others wait for it and find it ready.
mkdir -p .build
exec 9>.build/test-python.lock
flock 9
ready && exit 0
echo "Creating $VENV with $OPENPYXL (the tests read XLSX files back with it)"
rm -rf "$VENV"
mkdir -p .build
if ! python3 -m venv "$VENV"; then
  echo "error: python3 -m venv failed; install python3-venv (scripts/ensure-deps.sh does)" >&2
  exit 1
fi
if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check "$OPENPYXL"; then
  echo "error: pip could not install $OPENPYXL from PyPI" >&2
  rm -rf "$VENV"
  exit 1
fi
