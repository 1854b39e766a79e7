#!/usr/bin/env bash
# Runs schemathesis (PyPI, pinned, in a venv under .build/) against `docengine serve` on a free
# loopback port with a fresh data folder and a platform key: every operation of openapi.yaml, every
# check, a fixed seed and a bounded number of cases (scripts/schemathesis/schemathesis.toml).
# Fails on any finding: a 5xx, an undocumented status, a response outside its schema, a valid
# request refused, an invalid one accepted, a wrong method not answered 405.
#
# Environment: BIN (the docengine binary; default: the debug build), ST_MAX_TIME (seconds, default 180).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${BIN:-$(swift build --show-bin-path)/docengine}"
VERSION=4.32.5
VENV=.build/schemathesis-venv
MAX_TIME="${ST_MAX_TIME:-180}"

if [ ! -x "$VENV/bin/st" ] || ! "$VENV/bin/st" --version 2>/dev/null | grep -q "$VERSION"; then
  echo "installing schemathesis $VERSION into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
fi

data="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT

platform="$("$BIN" keys create --tenant platform --role platform --data "$data")"
"$BIN" serve --port 0 --data "$data" --brands SampleData/brands --render-time-limit 20 >"$data/serve.out" 2>"$data/serve.log" &
pid=$!
url=""
for _ in $(seq 300); do
  url="$(grep -o 'http://[^ ]*' "$data/serve.out" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$data/serve.log"; echo "docengine serve did not start" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "docengine serve did not say where it listens" >&2; exit 1; }
echo "schemathesis $VERSION against $url (seed 11, at most ${MAX_TIME}s)"

status=0
"$VENV/bin/st" --config-file scripts/schemathesis/schemathesis.toml run openapi.yaml --url "$url" \
  -H "Authorization: Bearer $platform" --max-time "$MAX_TIME" --no-color \
  --report junit --report-dir .build/schemathesis-report || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis found problems (exit $status); the service's log:" >&2
  grep -iE "error|warning" "$data/serve.log" | tail -20 >&2 || true
fi
exit "$status"
