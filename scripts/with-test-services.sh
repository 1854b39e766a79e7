#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL and SeaweedFS (an S3 server) beside it, for the
# tests that need them (the PostgreSQL store, the S3 blob store, the cluster tests), and stops
# both afterwards, whatever the command's outcome. Used by `make test` (and so by CI's .ci/run).
#
#   scripts/with-test-services.sh swift test --skip-build
#
# The command sees:
#   DOCENGINE_TEST_POSTGRES  postgresql://postgres@/postgres?host=SOCKETDIR (a superuser; tests
#                            create a database each)
#   DOCENGINE_TEST_S3        s3://docengine-test?endpoint=http://127.0.0.1:PORT&region=us-east-1
#   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY  the bucket's credentials (SeaweedFS checks signatures)
#
# PostgreSQL is Debian's (initdb in a temporary folder, listening on a socket there only; run as
# the `postgres` user when we are root, since initdb refuses root). It runs without fsync: the
# tests are about behaviour, and a crash of the test machine loses nothing of value.
#
# Environment: SERVICES=postgres skips SeaweedFS; PG_DURABLE=1 keeps PostgreSQL's durable
# defaults (fsync, synchronous commit) and loads pg_stat_statements, for `make bench-cluster`.
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS…]" >&2; exit 2; }

work="$(mktemp -d -t docengine-services-XXXXXX)"
chmod 755 "$work"
pg_started=""
weed_pid=""

run_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_services() {
  if [ -n "$pg_started" ]; then
    run_as_postgres "$PGBIN/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -n "$weed_pid" ] && kill -0 "$weed_pid" 2>/dev/null; then
    kill -TERM "$weed_pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$weed_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$weed_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_services EXIT
trap "exit 143" INT TERM

fail() {
  echo "error: $*" >&2
  exit 1
}

# --- PostgreSQL ----------------------------------------------------------------------------
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || fail "PostgreSQL's initdb is missing; run scripts/ensure-deps.sh"
mkdir -p "$work/pg"
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || fail "no \`postgres\` user to run PostgreSQL as (install Debian's postgresql)"
  chown postgres "$work/pg"
fi
run_as_postgres "$PGBIN/initdb" -D "$work/pg/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C \
  --no-sync >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; fail "initdb failed"; }
if [ "${PG_DURABLE:-}" = 1 ]; then
  pg_settings="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
else
  pg_settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
run_as_postgres "$PGBIN/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 start -o \
  "-c listen_addresses='' -c unix_socket_directories='$work/pg' -c max_connections=400 -c shared_buffers=128MB \
   $pg_settings" >/dev/null \
  || { cat "$work/pg/server.log" >&2; fail "PostgreSQL did not start"; }
pg_started=1
export DOCENGINE_TEST_POSTGRES="postgresql://postgres@/postgres?host=$work/pg"

# --- SeaweedFS (S3) ------------------------------------------------------------------------
if [ "${SERVICES:-}" = postgres ]; then
  echo "test services: PostgreSQL on $work/pg" >&2
  set +e
  "$@"
  status=$?
  set -e
  exit "$status"
fi
WEED="$("$(dirname "$0")/ensure-seaweedfs.sh")" || fail "SeaweedFS's weed is missing (scripts/ensure-seaweedfs.sh could not install it)"

# A port that is free, with port+10000 free too (SeaweedFS puts each gRPC port there).
free_port() {
  for _ in $(seq 1 200); do
    local candidate=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null \
      && ! (exec 3<>"/dev/tcp/127.0.0.1/$((candidate + 10000))") 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  fail "no free loopback port"
}
master_port="$(free_port)"; volume_port="$(free_port)"; filer_port="$(free_port)"; s3_port="$(free_port)"
export AWS_ACCESS_KEY_ID="docengine-test"
export AWS_SECRET_ACCESS_KEY="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat >"$work/s3.json" <<JSON
{"identities": [{"name": "docengine", "credentials": [{"accessKey": "$AWS_ACCESS_KEY_ID", "secretKey": "$AWS_SECRET_ACCESS_KEY"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON
mkdir -p "$work/weed"
"$WEED" server -dir="$work/weed" -ip=127.0.0.1 -ip.bind=127.0.0.1 -master.port="$master_port" \
  -volume.port="$volume_port" -filer.port="$filer_port" -s3 -s3.port="$s3_port" -s3.config="$work/s3.json" \
  -s3.port.iceberg=0 -s3.port.lance=0 -master.telemetry=false -master.volumeSizeLimitMB=64 -volume.max=50 \
  >"$work/weed.log" 2>&1 &
weed_pid=$!
disown "$weed_pid"  # stopped by stop_services; no "Killed" notice from the shell
s3="http://127.0.0.1:$s3_port"
bucket="docengine-test"
for _ in $(seq 1 600); do
  # Creating the bucket (a signed PUT) succeeds once the S3 gateway and its filer are up.
  status="$(curl -s -o /dev/null -w '%{http_code}' -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" \
    --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" "$s3/$bucket" || true)"
  [ "$status" = 200 ] && break
  kill -0 "$weed_pid" 2>/dev/null || { cat "$work/weed.log" >&2; fail "SeaweedFS exited during startup"; }
  sleep 0.1
done
[ "$status" = 200 ] || { tail -20 "$work/weed.log" >&2; fail "SeaweedFS's S3 gateway did not come up in 60 s (last answer $status)"; }
export DOCENGINE_TEST_S3="s3://$bucket?endpoint=$s3&region=us-east-1"

echo "test services: PostgreSQL on $work/pg, SeaweedFS S3 at $s3" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
