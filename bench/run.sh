#!/usr/bin/env bash
# Benchmarks order intake over HTTP on PostgreSQL and on SQLite, and pgbench -N on the same
# PostgreSQL in the same run, so results can be read as ratios (docs/benchmarks.md).
#   bench/run.sh                      16 clients, 30 s per phase, 30 s warm-up
#   CLIENTS=32 SECONDS_PER_PHASE=60 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/postgres.sh

clients=${CLIENTS:-16}
seconds=${SECONDS_PER_PHASE:-30}
warmup=${WARMUP_SECONDS:-30}
port=5080
out=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"

app_pid=
sqlite_dir=
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; fi
  if [ -n "$sqlite_dir" ]; then rm -rf "$sqlite_dir"; fi
}
lx_install_traps
lx_register_cleanup cleanup
pg_ensure_installed
LIANXIN_PG_DURABLE=1 pg_throwaway_start
export PGPASSWORD=$LIANXIN_TEST_PGPASSWORD
pg=(-h 127.0.0.1 -p "$LIANXIN_TEST_PGPORT" -U "$LIANXIN_TEST_PGUSER")
dotnet build -c Release -nologo -v q src/Lianxin.Web && dotnet build -c Release -nologo -v q bench/Lianxin.Bench

echo "== pgbench -N, $clients clients, ${seconds}s" >&2
"$PG_BINDIR/createdb" "${pg[@]}" pgbench
"$PG_BINDIR/pgbench" "${pg[@]}" -i -s 10 -q pgbench >/dev/null 2>&1
"$PG_BINDIR/pgbench" "${pg[@]}" -N -c "$clients" -j 2 -T "$seconds" pgbench >"$out/pgbench.txt" 2>&1
tps=$(grep -oE 'tps = [0-9.]+' "$out/pgbench.txt" | head -1 | awk '{print $3}')
latency=$(grep -oE 'latency average = [0-9.]+' "$out/pgbench.txt" | awk '{print $4}')
echo "pgbench -N: $tps tps, average latency $latency ms" >&2

start_app() { # provider connection-string
  (cd src/Lianxin.Web && \
    Lianxin__Database__Provider=$1 ConnectionStrings__Lianxin=$2 Lianxin__Demo__Seed=false \
    Lianxin__Admin__Password=bench-admin-1 Lianxin__Auth__LoginAttemptsPerMinute=100000 \
    ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning \
    exec dotnet bin/Release/net10.0/Lianxin.Web.dll) >"$out/app-$1.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "error: the app did not start; see $out/app-$1.log" >&2
  return 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=; }

rows=()
run_load() { # label
  dotnet bench/Lianxin.Bench/bin/Release/net10.0/Lianxin.Bench.dll --url "http://127.0.0.1:$port" --clients "$clients" \
    --seconds "$seconds" --warmup "$warmup" --label "$1" --reference-tps "$tps" --json "$out/$1.json" --app-pid "$app_pid" >"$out/$1.rows"
  cat "$out/$1.rows"
}

echo "== Lianxin on PostgreSQL" >&2
"$PG_BINDIR/createdb" "${pg[@]}" lianxin_bench
start_app postgres "Host=127.0.0.1;Port=$LIANXIN_TEST_PGPORT;Username=$LIANXIN_TEST_PGUSER;Password=$LIANXIN_TEST_PGPASSWORD;Database=lianxin_bench;Maximum Pool Size=100"
run_load postgres
stop_app

echo "== Lianxin on SQLite" >&2
sqlite_dir=$(mktemp -d /tmp/lianxin-bench-sqlite.XXXXXX)
start_app sqlite "Data Source=$sqlite_dir/lianxin.db"
run_load sqlite
stop_app

{
  echo "pgbench -N ($clients clients, ${seconds}s, scale 10): $tps tps, average latency $latency ms"
  echo
  echo "| database | phase | clients | per second | register p50 ms | register p99 ms | all requests p99 ms | ratio to pgbench -N tps | app CPU ms per order | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  cat "$out/postgres.rows" "$out/sqlite.rows"
} | tee "$out/summary.md"
echo "results in $out" >&2
