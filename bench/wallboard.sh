#!/usr/bin/env bash
# Event → wallboard figure on screen (docs/benchmarks.md, issue 10): starts the app (Release, the demo centre) on a
# throwaway durable PostgreSQL, fills today with DAY_CALLS calls over the CTI endpoint, opens /wallboard in headless
# Chromium at 1920×1080 as the supervisor and times REPS answer and hangup events from the POST to the figure on
# screen, in a quiet centre and with BACKGROUND other events a second.
#   bench/wallboard.sh                         50 of each, 2,000 calls today, 10 background events/s
#   REPS=100 DAY_CALLS=10000 BACKGROUND=30 bench/wallboard.sh
# Results go to bench/results/wallboard-<time>/ (summary.md, app.log).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh
source scripts/lib/postgres.sh

reps=${REPS:-50}
day_calls=${DAY_CALLS:-2000}
background=${BACKGROUND:-10}
port=${PORT:-5083}
out=bench/results/wallboard-$(date -u +%Y%m%dT%H%M%SZ)
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
"$PG_BINDIR/createdb" -h 127.0.0.1 -p "$LIANXIN_TEST_PGPORT" -U "$LIANXIN_TEST_PGUSER" wallbench

dotnet build -c Release -nologo -v q src/Lianxin.Web && dotnet build -c Release -nologo -v q bench/Lianxin.Bench.Wallboard
(cd src/Lianxin.Web && exec env Lianxin__Database__Provider=postgres \
  ConnectionStrings__Lianxin="Host=127.0.0.1;Port=$LIANXIN_TEST_PGPORT;Username=$LIANXIN_TEST_PGUSER;Password=$LIANXIN_TEST_PGPASSWORD;Database=wallbench" \
  Lianxin__Demo__Seed=true ASPNETCORE_URLS=http://127.0.0.1:$port Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Lianxin.Web.Components.ConsoleRunner=Debug \
  Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true \
  Lianxin__Auth__LoginAttemptsPerMinute=100000 \
  dotnet bin/Release/net10.0/Lianxin.Web.dll) >"$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "error: the app did not start; see $out/app.log" >&2; exit 1; }

echo "PostgreSQL (durable), $(nproc) cores; $reps events of each kind per phase" | tee "$out/summary.md"
dotnet bench/Lianxin.Bench.Wallboard/bin/Release/net10.0/Lianxin.Bench.Wallboard.dll --url "http://127.0.0.1:$port" \
  --reps "$reps" --day-calls "$day_calls" --background "$background" --log "$out/app.log" | tee -a "$out/summary.md"
echo "results in $out" >&2
