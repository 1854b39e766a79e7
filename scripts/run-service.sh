#!/usr/bin/env bash
# The service half of `make run`: creates (once) a platform key and a reseller key for `alatoo`
# under var/, prints the URLs and ready-to-paste curl commands, then runs `docengine serve
# --data var` in the foreground until Ctrl-C.
#
# Environment: DATA (default var), PORT (default 8080), HOST (default 127.0.0.1), BIN.
set -euo pipefail

cd "$(dirname "$0")/.."
BIN="${BIN:-.build/debug/docengine}"
DATA="${DATA:-var}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8080}"
keys="$DATA/keys"
requests="$DATA/requests"

mkdir -p "$keys" "$requests"
chmod 700 "$keys"

# Keys live in the database; a key file without the database it was made in is stale.
if [ ! -s "$DATA/docengine.sqlite" ]; then
  rm -f "$keys"/*.key
fi

# Prints the key stored in FILE, creating it with `docengine keys create ARGS…` the first time.
ensure_key() {
  local file="$1"
  shift
  if [ ! -s "$file" ]; then
    (umask 077 && "$BIN" keys create "$@" --data "$DATA" >"$file.tmp")
    mv "$file.tmp" "$file"
  fi
}
ensure_key "$keys/platform.key" --tenant platform --role platform
ensure_key "$keys/alatoo.key" --tenant alatoo --role reseller

# Request bodies from the samples, spliced as text so decimals keep their exact spelling; the
# number is emptied so every POST takes the next one of its series.
number_pattern='"number"[[:space:]]*:[[:space:]]*"[^"]*"'
{
  printf '{"template":"invoice","locale":"ru","data":'
  sed "0,/$number_pattern/s//\"number\": \"\"/" SampleData/invoice-kgs.json
  printf '}'
} >"$requests/invoice.json"
{
  printf '{"template":"invoice","locale":"ru","brand":"alatoo","data":'
  cat SampleData/invoice-kgs.json
  printf '}'
} >"$requests/invoice-alatoo.json"

# A client's order register for the quarter, under alatoo, for client shop-1 (who may download it).
{
  printf '{"template":"order-register","brand":"alatoo","client":"shop-1","data":'
  sed "0,/$number_pattern/s//\"number\": \"\"/" SampleData/order-register-ru.json
  printf '}'
} >"$requests/register-alatoo.json"

# The order event of the sample order under alatoo: issues its request and driver assignment once.
sed '0,/{/s//{"brand": "alatoo",/' SampleData/events/assigned-ru.json >"$requests/assigned-alatoo.json"

base="http://$HOST:$PORT"
cat <<TEXT

docengine serve: $base   (data: $DATA/, keys: $keys/, API: openapi.yaml; Ctrl-C stops it)
  health   $base/healthz
  metrics  $base/metrics
  studio   $base/studio/   the reseller's studio: sign in with the alatoo reseller key,
           $(cat "$keys/alatoo.key")   (in $keys/alatoo.key; the platform key opens every brand)

Paste into another terminal:

  PLATFORM_KEY=\$(cat $keys/platform.key) ALATOO_KEY=\$(cat $keys/alatoo.key)

  curl -s $base/healthz

  # Issue an invoice (201 with {id, number, url, …}); its URL is in the Location header:
  url=\$(curl -s -o /dev/stderr -w '%header{location}' -X POST $base/v1/documents \\
    -H "Authorization: Bearer \$PLATFORM_KEY" -H 'Content-Type: application/json' \\
    --data-binary @$requests/invoice.json)

  # Download it (ETag = the PDF's SHA-256; If-None-Match answers 304):
  curl -s -D - -o out/served-invoice.pdf -H "Authorization: Bearer \$PLATFORM_KEY" $base\$url

  # Preview page 1 under the alatoo brand as PNG (nothing stored, no number taken):
  curl -s -o out/preview-alatoo.png -X POST '$base/v1/previews?dpi=110' \\
    -H "Authorization: Bearer \$ALATOO_KEY" -H 'Accept: image/png' -H 'Content-Type: application/json' \\
    --data-binary @$requests/invoice-alatoo.json

  # A client's order register as a spreadsheet (Accept: XLSX; stored with its own record), then download it:
  url=\$(curl -s -o /dev/stderr -w '%header{location}' -X POST $base/v1/documents \\
    -H "Authorization: Bearer \$ALATOO_KEY" -H 'Content-Type: application/json' \\
    -H 'Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \\
    --data-binary @$requests/register-alatoo.json)
  curl -s -o out/served-register.xlsx -H "Authorization: Bearer \$ALATOO_KEY" $base\$url

  # The order was assigned: the request and the driver assignment, exactly once (send it twice):
  curl -s -X POST $base/v1/orders/ORD-261120-0042/events \\
    -H "Authorization: Bearer \$ALATOO_KEY" -H 'Content-Type: application/json' \\
    --data-binary @$requests/assigned-alatoo.json

  # Which stored invoices would a template edit change? (dry run; then GET the Location it gives)
  curl -s -i -X POST $base/v1/batches -H "Authorization: Bearer \$PLATFORM_KEY" \\
    -H 'Content-Type: application/json' -d '{"template": "invoice", "dryRun": true}'

  curl -s $base/metrics | grep -E '^(hb_requests|docengine_)'

TEXT

exec "$BIN" serve --host "$HOST" --port "$PORT" --data "$DATA"
