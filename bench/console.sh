#!/usr/bin/env bash
# Console memory per signed-in user (docs/benchmarks.md): starts the app (Release, SQLite, demo centre) and opens
# USERS staff consoles on a desk page in headless Chromium, one circuit each; measures the app's live managed heap
# (dotnet-gcdump) and resident set before and after.
#   bench/console.sh                       200 consoles of the unit desk (/unit) as `water`
#   USERS=50 PAGE=/dispatch USER_NAME=dispatcher bench/console.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

users=${USERS:-200}
page=${PAGE:-/unit}
user=${USER_NAME:-water}
ready=${READY:-[data-desk] tbody tr}
port=5081
out=bench/results/console-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
data=$(mktemp -d)
app_pid=
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; fi
  rm -rf "$data"
}
lx_install_traps
lx_register_cleanup cleanup

dotnet tool restore >/dev/null
dotnet build -c Release -nologo -v q src/Lianxin.Web && dotnet build -c Release -nologo -v q bench/Lianxin.Bench.Console
(cd src/Lianxin.Web && ConnectionStrings__Lianxin="Data Source=$data/lianxin.db" ASPNETCORE_URLS=http://127.0.0.1:$port \
  Logging__LogLevel__Default=Warning Lianxin__Auth__LoginAttemptsPerMinute=100000 \
  exec dotnet bin/Release/net10.0/Lianxin.Web.dll) >"$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "error: the app did not start; see $out/app.log" >&2; exit 1; }

gcdump="$(dotnet tool run dotnet-gcdump --version >/dev/null 2>&1 && echo "$PWD/scripts/lib/gcdump.sh")"
dotnet bench/Lianxin.Bench.Console/bin/Release/net10.0/Lianxin.Bench.Console.dll --url "http://127.0.0.1:$port" --app-pid "$app_pid" \
  --users "$users" --path "$page" --user "$user" --ready "$ready" --gcdump "$gcdump" | tee "$out/summary.md"
echo "results in $out" >&2
