#!/usr/bin/env bash
# Console page timings with the demo centre (docs/benchmarks.md, issue 9): starts the app (Release, SQLite, the demo
# centre, as the README starts it) with ConsoleRunner's Debug timing on, then opens every console page REPS times in
# headless Chromium as its user, timing navigation → the page's data on screen, and the server's time for the page's
# reads from the app log.
#   bench/pages.sh            10 opens of each page
#   REPS=30 bench/pages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

reps=${REPS:-10}
port=${PORT:-5082}
out=bench/results/pages-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
data=$(mktemp -d)
app_pid=
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; fi
  rm -rf "$data"
}
lx_install_traps
lx_register_cleanup cleanup

dotnet build -c Release -nologo -v q src/Lianxin.Web && dotnet build -c Release -nologo -v q bench/Lianxin.Bench.Pages
# (env: a variable named after a logging category has dots, which a shell assignment refuses)
(cd src/Lianxin.Web && exec env ConnectionStrings__Lianxin="Data Source=$data/lianxin.db" ASPNETCORE_URLS=http://127.0.0.1:$port \
  Logging__LogLevel__Default=Warning Logging__LogLevel__Lianxin.Web.Components.ConsoleRunner=Debug \
  Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true \
  Lianxin__Auth__LoginAttemptsPerMinute=100000 \
  dotnet bin/Release/net10.0/Lianxin.Web.dll) >"$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "error: the app did not start; see $out/app.log" >&2; exit 1; }

dotnet bench/Lianxin.Bench.Pages/bin/Release/net10.0/Lianxin.Bench.Pages.dll --url "http://127.0.0.1:$port" --log "$out/app.log" --reps "$reps" \
  | tee "$out/summary.md"
echo "results in $out" >&2
