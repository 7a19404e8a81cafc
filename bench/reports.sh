#!/usr/bin/env bash
# The figures leaders read at a big city's volume (docs/benchmarks.md, issue 11): a year of N orders (default
# 5,000,000, ~13,700 a day) with their hops, visits and the events the KPIs read, and C calls a day (default 20,000),
# in a throwaway durable PostgreSQL (fsync and synchronous_commit on); pgbench -N runs first on the same cluster as the
# reference for this machine. Then every day's aggregate is built (timed per day), and the year's KPIs for the centre,
# a unit's month, the ranking and the daily briefing are timed through the Core use cases (REPS repetitions each).
#   bench/reports.sh                         5,000,000 orders, 20,000 calls a day, shared_buffers 2GB, 20 repetitions
#   bench/reports.sh 1000000 5000            fewer
#   REPS=50 SHARED_BUFFERS=256MB bench/reports.sh
# Results go to bench/results/reports-<time>/summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/postgres.sh

total=${1:-5000000}
calls=${2:-20000}
reps=${REPS:-20}
export LIANXIN_PG_SHARED_BUFFERS=${SHARED_BUFFERS:-2GB}
out=bench/results/reports-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
lx_install_traps
pg_ensure_installed
LIANXIN_PG_DURABLE=1 pg_throwaway_start
export PGPASSWORD=$LIANXIN_TEST_PGPASSWORD
pg=(-h 127.0.0.1 -p "$LIANXIN_TEST_PGPORT" -U "$LIANXIN_TEST_PGUSER")
dotnet build -c Release -nologo -v q bench/Lianxin.Bench.Reports
bench=(dotnet bench/Lianxin.Bench.Reports/bin/Release/net10.0/Lianxin.Bench.Reports.dll)
conn="Host=127.0.0.1;Port=$LIANXIN_TEST_PGPORT;Username=$LIANXIN_TEST_PGUSER;Password=$LIANXIN_TEST_PGPASSWORD;Database=reportsbench"

"$PG_BINDIR/psql" "${pg[@]}" -d postgres -Atc "SELECT 'fsync ' || current_setting('fsync') || ', synchronous_commit ' || current_setting('synchronous_commit') || ', shared_buffers ' || current_setting('shared_buffers') || ', ' || version()" | tee "$out/summary.md"
"$PG_BINDIR/createdb" "${pg[@]}" pgbench
"$PG_BINDIR/pgbench" "${pg[@]}" -i -s 10 -q pgbench >/dev/null 2>&1
"$PG_BINDIR/pgbench" "${pg[@]}" -N -c 1 -T 15 pgbench >"$out/pgbench.txt" 2>&1
tps=$(grep -oE 'tps = [0-9.]+' "$out/pgbench.txt" | head -1 | awk '{print $3}')
latency=$(grep -oE 'latency average = [0-9.]+' "$out/pgbench.txt" | awk '{print $4}')
"$PG_BINDIR/dropdb" "${pg[@]}" pgbench
echo "pgbench -N, 1 client, 15 s, scale 10: $tps tps, average latency $latency ms; load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.md"

"$PG_BINDIR/createdb" "${pg[@]}" reportsbench
"${bench[@]}" seed "$conn" "$total" "$calls" | tee -a "$out/summary.md"
if [[ ${SEED_ONLY:-0} == 1 ]]; then echo "results in $out" >&2; exit 0; fi
echo | tee -a "$out/summary.md"
"${bench[@]}" build "$conn" | tee -a "$out/summary.md"
echo | tee -a "$out/summary.md"
"${bench[@]}" measure "$conn" "$reps" | tee -a "$out/summary.md"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/summary.md"
echo "results in $out" >&2
