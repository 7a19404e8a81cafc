#!/usr/bin/env bash
# Repeat detection and the caller history at 10,000,000 orders (docs/benchmarks.md).
#   bench/repeats.sh                 10,000,000 orders, shared_buffers 2GB
#   bench/repeats.sh 1000000         fewer orders (a quicker look)
#   SHARED_BUFFERS=256MB bench/repeats.sh
# Starts a throwaway PostgreSQL, measures pgbench -N on it (the machine's reference), seeds the orders
# in SQL (bench/Lianxin.Bench.Repeats seed), times repeat detection in process, then starts the Release
# app and measures over HTTP: registrations with detection off and on (twice each, alternating, to see
# the noise) and caller-history lookups (1 and 8 clients). Results go to bench/results/repeats-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/postgres.sh

total=${1:-10000000}
export LIANXIN_PG_SHARED_BUFFERS=${SHARED_BUFFERS:-2GB}
port=${PORT:-5081}
out=bench/results/repeats-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"

app_pid=
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; fi
}
lx_install_traps
lx_register_cleanup cleanup
pg_ensure_installed
LIANXIN_PG_DURABLE=1 pg_throwaway_start
export PGPASSWORD=$LIANXIN_TEST_PGPASSWORD
pg=(-h 127.0.0.1 -p "$LIANXIN_TEST_PGPORT" -U "$LIANXIN_TEST_PGUSER")
dotnet build -c Release -nologo -v q src/Lianxin.Web
dotnet build -c Release -nologo -v q bench/Lianxin.Bench.Repeats
bench=(dotnet bench/Lianxin.Bench.Repeats/bin/Release/net10.0/Lianxin.Bench.Repeats.dll)
conn="Host=127.0.0.1;Port=$LIANXIN_TEST_PGPORT;Username=$LIANXIN_TEST_PGUSER;Password=$LIANXIN_TEST_PGPASSWORD;Database=repeatsbench"

"$PG_BINDIR/createdb" "${pg[@]}" pgbench
"$PG_BINDIR/pgbench" "${pg[@]}" -i -s 10 -q pgbench >/dev/null 2>&1
"$PG_BINDIR/pgbench" "${pg[@]}" -N -c 1 -T 15 pgbench >"$out/pgbench.txt" 2>&1
tps=$(grep -oE 'tps = [0-9.]+' "$out/pgbench.txt" | head -1 | awk '{print $3}')
latency=$(grep -oE 'latency average = [0-9.]+' "$out/pgbench.txt" | awk '{print $4}')
"$PG_BINDIR/dropdb" "${pg[@]}" pgbench
echo "shared_buffers $LIANXIN_PG_SHARED_BUFFERS; pgbench -N, 1 client, 15 s, scale 10: $tps tps, average latency $latency ms" | tee "$out/reference.txt"

"$PG_BINDIR/createdb" "${pg[@]}" repeatsbench
"${bench[@]}" seed "$conn" "$total" | tee "$out/seed.txt"

# The plans and the bare index lookups, as psql sees them (a heavy caller: 200 orders in a year).
psql=("$PG_BINDIR/psql" "${pg[@]}" -X -d repeatsbench)
"${psql[@]}" >"$out/plans.txt" 2>&1 <<'SQL'
\timing on
EXPLAIN (ANALYZE, BUFFERS) SELECT id, number, status, created_at, closed_at, category_id, title, description, address FROM work_orders
  WHERE requester_phone = '13910000042' AND (status IN ('Registered', 'Dispatched', 'InProgress', 'ReturnRequested', 'Replied')
  OR COALESCE(closed_at, created_at) >= timestamptz '2026-11-23 02:00:00+00' - interval '30 days') ORDER BY created_at DESC LIMIT 100;
EXPLAIN (ANALYZE, BUFFERS) SELECT id, number, status, title, created_at FROM work_orders
  WHERE requester_phone = '13910000042' AND created_at >= timestamptz '2026-11-23 02:00:00+00' - interval '90 days'
  ORDER BY created_at DESC, number DESC LIMIT 100;
SELECT count(*) FROM work_orders WHERE requester_phone = '13920004242';
SELECT count(*) FROM work_orders WHERE requester_phone = '13000000000';
SELECT count(*) FROM work_orders WHERE requester_phone = '13005123457';
SQL
grep -E 'Index|Bitmap|Time:|Execution' "$out/plans.txt" || true

{
  echo "| measured in process | calls | p50 ms | p95 ms | p99 ms | flagged |"
  "${bench[@]}" direct "$conn" | tail -n +3
} | tee "$out/direct.md"

start_app() { # enabled
  (cd src/Lianxin.Web && \
    Lianxin__Database__Provider=postgres ConnectionStrings__Lianxin="$conn;Maximum Pool Size=50" Lianxin__Demo__Seed=false \
    Lianxin__Admin__Password=bench-admin-1 Lianxin__Auth__LoginAttemptsPerMinute=100000 Lianxin__Deadlines__SweepIntervalSeconds=0 \
    Lianxin__Repeats__Enabled=$1 ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning \
    exec dotnet bin/Release/net10.0/Lianxin.Web.dll) >>"$out/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "error: the app did not start; see $out/app.log" >&2
  return 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=; }
http() { "${bench[@]}" http "http://127.0.0.1:$port" "$1" bench-admin-1 "$total"; }

rows=()
for phase in off on off on; do
  start_app "$([ "$phase" = on ] && echo true || echo false)"
  rows+=("$(http "$phase")")
  if [ "$phase" = on ] && [ ${#rows[@]} -eq 2 ]; then
    rows+=("$(http history)")
    rows+=("$(http history8)")
  fi
  stop_app
done

{
  echo "pgbench -N (1 client, 15 s, scale 10): $tps tps, average latency $latency ms; shared_buffers $LIANXIN_PG_SHARED_BUFFERS"
  echo
  cat "$out/seed.txt"
  echo
  echo "| over HTTP, Release app, 1 client unless said | requests | p50 ms | p95 ms | p99 ms | flagged repeats | per second |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  cat "$out/direct.md"
} | tee "$out/summary.md"
echo "results in $out" >&2
