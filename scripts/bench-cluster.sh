#!/usr/bin/env bash
# `make bench-cluster`: throughput and latency of one, two and three `docengine serve` nodes on one
# PostgreSQL, behind nginx configured with deploy/nginx/docengine.conf, on this machine (not a test).
#
# For each node count, two loads (wrk, CLIENTS connections for DURATION, one-page invoices):
#   numbered  each request carries its own document number: renders run in parallel, outside the
#             database transaction, which then only records the document;
#   series    every request leaves the number empty: all documents draw from one gapless series,
#             so each renders inside the transaction that holds the series row (one at a time,
#             cluster-wide) — the price of gapless numbers.
# PostgreSQL keeps its durable defaults (fsync, synchronous commit) and counts statements with
# pg_stat_statements, so the report gives statements per document too. All on loopback, with
# the nodes, nginx, PostgreSQL and wrk sharing this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "error: wrk is missing; run scripts/ensure-deps.sh" >&2; exit 1; }
[ -x /usr/sbin/nginx ] || { echo "error: nginx is missing; run scripts/ensure-deps.sh" >&2; exit 1; }
swift build -c release --product docengine && swift build -c release --product docengine-service
SERVICES=postgres PG_DURABLE=1 exec scripts/with-test-services.sh scripts/bench-cluster-run.sh
