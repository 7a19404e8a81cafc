#!/usr/bin/env bash
# The phone-event ingest on durable PostgreSQL (docs/benchmarks.md "CTI ingest", issue 10: ≥ 2,000 events/s).
# pgbench -N runs first on the same cluster as this machine's reference; then the app (Release) takes
# POST /api/v1/cti/{token} from N concurrent PBX connections, each playing calls back to back (newCall, answer
# by one of 50 agents' extensions, hangup; 5 % of posts sent twice, as retries). Stored events/s is counted
# in cti_events before and after; CPU per event is the app process's (/proc/PID/stat); latency is per post.
#   bench/cti.sh                          connections 16, 64 and 256; 30 s each after a 20 s warm-up (JIT tiering)
#   CONNECTIONS="64" SECONDS_PER_RUN=60 bench/cti.sh
# Results go to bench/results/cti-<time>/summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/postgres.sh

connections=${CONNECTIONS:-16 64 256}
seconds=${SECONDS_PER_RUN:-30}
port=5081
out=bench/results/cti-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"

app_pid=
cleanup() { if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; fi; }
lx_install_traps
lx_register_cleanup cleanup
pg_ensure_installed
LIANXIN_PG_DURABLE=1 pg_throwaway_start
export PGPASSWORD=$LIANXIN_TEST_PGPASSWORD
pg=(-h 127.0.0.1 -p "$LIANXIN_TEST_PGPORT" -U "$LIANXIN_TEST_PGUSER")
dotnet build -c Release -nologo -v q src/Lianxin.Web && dotnet build -c Release -nologo -v q bench/Lianxin.Bench.Cti
bench=(dotnet bench/Lianxin.Bench.Cti/bin/Release/net10.0/Lianxin.Bench.Cti.dll)

"$PG_BINDIR/createdb" "${pg[@]}" pgbench
"$PG_BINDIR/pgbench" "${pg[@]}" -i -s 10 -q pgbench >/dev/null 2>&1
"$PG_BINDIR/pgbench" "${pg[@]}" -N -c 16 -j 2 -T "$seconds" pgbench >"$out/pgbench.txt" 2>&1
tps=$(grep -oE 'tps = [0-9.]+' "$out/pgbench.txt" | head -1 | awk '{print $3}')
latency=$(grep -oE 'latency average = [0-9.]+' "$out/pgbench.txt" | awk '{print $4}')
"$PG_BINDIR/dropdb" "${pg[@]}" pgbench
{
  echo "durable PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}'), $(nproc) cores; pgbench -N, 16 clients, ${seconds} s, scale 10: $tps tps, average latency $latency ms"
  echo
  echo "| connections | events/s stored | posts/s (incl. repeats) | p50 ms | p95 ms | p99 ms | app CPU ms/event | PostgreSQL CPU ms/event | load generator CPU ms/event | vs pgbench tps | errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
} | tee "$out/summary.md"

"$PG_BINDIR/createdb" "${pg[@]}" ctibench
conn="Host=127.0.0.1;Port=$LIANXIN_TEST_PGPORT;Username=$LIANXIN_TEST_PGUSER;Password=$LIANXIN_TEST_PGPASSWORD;Database=ctibench"
(cd src/Lianxin.Web && exec env Lianxin__Database__Provider=postgres ConnectionStrings__Lianxin="$conn" Lianxin__Demo__Seed=false \
  Lianxin__Admin__Password=bench-admin-1 Lianxin__Auth__LoginAttemptsPerMinute=100000 ASPNETCORE_URLS=http://127.0.0.1:$port \
  Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/Lianxin.Web.dll) >"$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "error: the app did not start; see $out/app.log" >&2; exit 1; }

token=$("${bench[@]}" setup --url "http://127.0.0.1:$port" --agents 50 | sed -n 's/^token=//p')
count() { "$PG_BINDIR/psql" "${pg[@]}" -d ctibench -tAc "select count(*) from cti_events"; }
# CPU seconds of the cluster: the postmaster and its children (the app's pooled connections stay open across a run).
pg_cpu() {
  local root; root=$(head -1 "$PG_TMPDIR/data/postmaster.pid")
  { echo "$root"; pgrep -P "$root"; } | while read -r p; do
    [ -r "/proc/$p/stat" ] && sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}'
  done | awk '{s += $1} END {printf "%.2f", s / 100}'
}
"${bench[@]}" run --url "http://127.0.0.1:$port" --token "$token" --connections 256 --seconds 20 --label warmup >"$out/warmup.txt"
for c in $connections; do
  before=$(count); pg_before=$(pg_cpu)
  line=$("${bench[@]}" run --url "http://127.0.0.1:$port" --token "$token" --connections "$c" --seconds "$seconds" --app-pid "$app_pid" --label "c$c")
  after=$(count); pg_after=$(pg_cpu)
  echo "$line" >>"$out/runs.txt"
  get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  stored=$((after - before))
  awk -v c="$c" -v s="$(get seconds)" -v n="$stored" -v posts="$(get posts)" -v p50="$(get p50)" -v p95="$(get p95)" -v p99="$(get p99)" \
      -v cpu="$(get appCpuSeconds)" -v load="$(get loadCpuSeconds)" -v pgcpu="$(awk -v a="$pg_after" -v b="$pg_before" 'BEGIN {print a - b}')" -v tps="$tps" -v err="$(get errors)" \
      'BEGIN { printf "| %d | %.0f | %.0f | %s | %s | %s | %.3f | %.3f | %.3f | %.2f× | %s |\n", c, n/s, posts/s, p50, p95, p99, (n > 0 ? cpu*1000/n : 0), (n > 0 ? pgcpu*1000/n : 0), (n > 0 ? load*1000/n : 0), (tps > 0 ? n/s/tps : 0), err }' \
    | tee -a "$out/summary.md"
done
echo "results in $out" >&2
