#!/usr/bin/env bash
# The console's work lists at scale (docs/benchmarks.md, issue 9): N orders (default 1,000,000) of a centre a
# few years in, in a throwaway durable PostgreSQL; pgbench -N runs first on the same cluster as the reference
# for this machine, then every desk's tab counts and pages, the order list and 我的工单 are timed through the
# Core query classes the console calls (warm, REPS repetitions each), with EXPLAIN (ANALYZE, BUFFERS) of any
# query over 30 ms at p95.
#   bench/lists.sh                        1,000,000 orders, shared_buffers 2GB, 30 repetitions
#   bench/lists.sh 200000                 fewer
#   REPS=100 SHARED_BUFFERS=256MB bench/lists.sh
# Results go to bench/results/lists-<time>/ (summary.md, plans.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/postgres.sh

total=${1:-1000000}
reps=${REPS:-30}
export LIANXIN_PG_SHARED_BUFFERS=${SHARED_BUFFERS:-2GB}
out=bench/results/lists-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
lx_install_traps
pg_ensure_installed
LIANXIN_PG_DURABLE=1 pg_throwaway_start
export PGPASSWORD=$LIANXIN_TEST_PGPASSWORD
pg=(-h 127.0.0.1 -p "$LIANXIN_TEST_PGPORT" -U "$LIANXIN_TEST_PGUSER")
dotnet build -c Release -nologo -v q bench/Lianxin.Bench.Lists
bench=(dotnet bench/Lianxin.Bench.Lists/bin/Release/net10.0/Lianxin.Bench.Lists.dll)
conn="Host=127.0.0.1;Port=$LIANXIN_TEST_PGPORT;Username=$LIANXIN_TEST_PGUSER;Password=$LIANXIN_TEST_PGPASSWORD;Database=listsbench"

"$PG_BINDIR/createdb" "${pg[@]}" pgbench
"$PG_BINDIR/pgbench" "${pg[@]}" -i -s 10 -q pgbench >/dev/null 2>&1
"$PG_BINDIR/pgbench" "${pg[@]}" -N -c 1 -T 15 pgbench >"$out/pgbench.txt" 2>&1
tps=$(grep -oE 'tps = [0-9.]+' "$out/pgbench.txt" | head -1 | awk '{print $3}')
latency=$(grep -oE 'latency average = [0-9.]+' "$out/pgbench.txt" | awk '{print $4}')
"$PG_BINDIR/dropdb" "${pg[@]}" pgbench
echo "shared_buffers $LIANXIN_PG_SHARED_BUFFERS; pgbench -N, 1 client, 15 s, scale 10: $tps tps, average latency $latency ms" | tee "$out/summary.md"

"$PG_BINDIR/createdb" "${pg[@]}" listsbench
"${bench[@]}" seed "$conn" "$total" | tee -a "$out/summary.md"
echo | tee -a "$out/summary.md"
"${bench[@]}" measure "$conn" "$reps" "$out/plans.md" | tee -a "$out/summary.md"
echo "results in $out" >&2
