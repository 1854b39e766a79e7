#!/usr/bin/env bash
# The measuring half of `make bench-cluster` (see scripts/bench-cluster.sh), run by
# scripts/with-test-services.sh with DOCENGINE_TEST_POSTGRES pointing at a fresh server.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS="${CLIENTS:-32}"
DURATION="${DURATION:-20s}"
NODES="${NODES:-1 2 3}"
MODES="${MODES:-numbered series}"
BIN="${BIN:-.build/release/docengine}"
SAMPLE=SampleData/invoice-kgs.json
: "${DOCENGINE_TEST_POSTGRES:?run through scripts/bench-cluster.sh}"
socket_dir="${DOCENGINE_TEST_POSTGRES##*host=}"

work="$(mktemp -d -t docengine-bench-cluster-XXXXXX)"
pids=()
nginx_pid=""
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$nginx_pid" ]; then kill -TERM "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

psql_run() { psql -X -q -t -A -h "$socket_dir" -U postgres "$@"; }

free_port() {
  for _ in $(seq 1 100); do
    local candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return; fi
  done
  echo "error: no free port" >&2; exit 1
}

# The request body, with @@NUMBER@@ where each request's number goes (as make bench-service).
number_pattern='"number"[[:space:]]*:[[:space:]]*"[^"]*"'
{
  printf '{"template":"invoice","locale":"ru","data":'
  sed "0,/$number_pattern/s//\"number\": \"@@NUMBER@@\"/" "$SAMPLE"
  printf '}'
} >"$work/body.json"

# nginx with deploy/nginx/docengine.conf, its upstream servers pointed at the given ports.
start_nginx() {
  local port="$1"; shift
  local conf="$work/nginx/docengine.conf"
  mkdir -p "$work/nginx"
  awk -v ports="$*" '
    BEGIN { n = split(ports, p, " "); i = 0 }
    /server [0-9.]+:8080/ { i++; if (i <= n) sub(/[0-9.]+:8080/, "127.0.0.1:" p[i]); else next }
    { print }
  ' deploy/nginx/docengine.conf | sed "s/listen 80;/listen 127.0.0.1:$port;/" >"$conf"
  cat >"$work/nginx/nginx.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    include $conf;
}
CONF
  /usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  nginx_pid=$!
}

results=()
for nodes in $NODES; do
  for mode in $MODES; do
    db="bench_${nodes}_${mode}"
    psql_run -d postgres -c "CREATE DATABASE $db" >/dev/null
    psql_run -d "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
    url="postgresql://postgres@/$db?host=$socket_dir"
    "$BIN" store migrate --database "$url" >/dev/null
    ports=()
    pids=()
    for n in $(seq 1 "$nodes"); do
      port="$(free_port)"
      "$BIN" serve --port "$port" --database "$url" --node-id "node$n" >"$work/node$n.out" 2>"$work/node$n.log" &
      pids+=($!)
      ports+=("$port")
    done
    for port in "${ports[@]}"; do
      for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
      curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" || { echo "error: a node did not start" >&2; cat "$work"/node*.log >&2; exit 1; }
    done
    lb_port="$(free_port)"
    start_nginx "$lb_port" "${ports[@]}"
    base="http://127.0.0.1:$lb_port"
    for _ in $(seq 1 100); do curl -sf -o /dev/null "$base/healthz" && break; sleep 0.1; done
    key="$("$BIN" keys create --tenant platform --role platform --database "$url")"
    # Warm-up: every node renders once (template compiled, fonts paged in) before the clock runs.
    for port in "${ports[@]}"; do
      sed 's/@@NUMBER@@/WARMUP-'"$port"'/' "$work/body.json" |
        curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/v1/documents" -H "Authorization: Bearer $key" \
          -H 'Content-Type: application/json' --data-binary @- || { echo "error: warm-up failed" >&2; exit 1; }
    done
    psql_run -d "$db" -c "SELECT pg_stat_statements_reset()" >/dev/null
    before="$(psql_run -d "$db" -c "SELECT count(*) FROM documents")"
    series=0; [ "$mode" = series ] && series=1
    echo "== $nodes node(s), $mode: $CLIENTS clients, $DURATION, $(nproc) cores ==" >&2
    BENCH_BODY="$work/body.json" BENCH_KEY="$key" BENCH_SERIES="$series" \
      wrk -t 2 -c "$CLIENTS" -d "$DURATION" --timeout 60s -s scripts/bench-service.lua "$base" >"$work/wrk.txt"
    cat "$work/wrk.txt" >&2
    after="$(psql_run -d "$db" -c "SELECT count(*) FROM documents")"
    statements="$(psql_run -d "$db" -c "SELECT COALESCE(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$db'")"
    rate="$(awk '/^documents/ {print $2}' "$work/wrk.txt")"
    p50="$(awk '/^latency p50/ {print $3}' "$work/wrk.txt")"
    p99="$(awk '/^latency p99/ {print $3}' "$work/wrk.txt")"
    errors="$(awk '/^  *[0-9]+ +[0-9]+ +ERROR/ {n += $2} END {print n + 0}' "$work/wrk.txt")"
    overloaded="$(awk '$1 == 503 {print $2}' "$work/wrk.txt")"
    render_ms="$(for port in "${ports[@]}"; do curl -s "http://127.0.0.1:$port/metrics"; done | awk '
      /^docengine_render_duration_seconds_sum\{.*template="invoice"/ {s += $2}
      /^docengine_render_duration_seconds_count\{.*template="invoice"/ {n += $2}
      END { if (n > 0) printf "%.1f", 1000 * s / n; else print "-" }')"
    per_doc="$(awk -v s="$statements" -v a="$after" -v b="$before" 'BEGIN { d = a - b; if (d > 0) printf "%.1f", s / d; else print "-" }')"
    results+=("$(printf '%-6s %-9s %9s %9s %9s %7s %6s %10s %10s' "$nodes" "$mode" "$rate" "$p50" "$p99" "$errors" "${overloaded:-0}" "$render_ms" "$per_doc")")
    kill -TERM "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=""
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
  done
done

echo
echo "== make bench-cluster: POST /v1/documents (one-page invoice) through nginx, $CLIENTS clients, $DURATION each, $(nproc) cores =="
printf '%-6s %-9s %9s %9s %9s %7s %6s %10s %10s\n' nodes mode "docs/s" "p50 ms" "p99 ms" errors 503s "render ms" "stmts/doc"
for line in "${results[@]}"; do echo "$line"; done
