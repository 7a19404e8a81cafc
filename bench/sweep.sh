#!/usr/bin/env bash
# The deadline sweep at scale (docs/benchmarks.md): N open orders (default 1,000,000) in a throwaway
# PostgreSQL, 1 % due for a state change; times one sweep and counts the rows it touched. pgbench -N
# runs first on the same cluster, as the reference for this machine.
#   bench/sweep.sh                  1,000,000 orders, shared_buffers 2GB
#   bench/sweep.sh 200000           fewer
#   SHARED_BUFFERS=256MB bench/sweep.sh   the test clusters' setting
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/postgres.sh

total=${1:-1000000}
# A server holding a million open orders is given memory for their working set (~0.6 GB here).
export LIANXIN_PG_SHARED_BUFFERS=${SHARED_BUFFERS:-2GB}
lx_install_traps
pg_ensure_installed
LIANXIN_PG_DURABLE=1 pg_throwaway_start
export PGPASSWORD=$LIANXIN_TEST_PGPASSWORD
pg=(-h 127.0.0.1 -p "$LIANXIN_TEST_PGPORT" -U "$LIANXIN_TEST_PGUSER")
dotnet build -c Release -nologo -v q bench/Lianxin.Bench.Sweep

"$PG_BINDIR/createdb" "${pg[@]}" pgbench
"$PG_BINDIR/pgbench" "${pg[@]}" -i -s 10 -q pgbench >/dev/null 2>&1
tps=$("$PG_BINDIR/pgbench" "${pg[@]}" -N -c 1 -T 15 pgbench 2>/dev/null | grep -oE 'tps = [0-9.]+' | head -1 | awk '{print $3}')
"$PG_BINDIR/dropdb" "${pg[@]}" pgbench
echo "shared_buffers $LIANXIN_PG_SHARED_BUFFERS; pgbench -N, 1 client, 15 s, scale 10: $tps tps"

"$PG_BINDIR/createdb" "${pg[@]}" sweepbench
dotnet bench/Lianxin.Bench.Sweep/bin/Release/net10.0/Lianxin.Bench.Sweep.dll \
  "Host=127.0.0.1;Port=$LIANXIN_TEST_PGPORT;Username=$LIANXIN_TEST_PGUSER;Password=$LIANXIN_TEST_PGPASSWORD;Database=sweepbench" "$total"
