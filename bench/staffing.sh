#!/usr/bin/env bash
# Staffing maths timings (docs/benchmarks.md): Erlang C and Erlang A for 10 … 50,000 Erlangs, with a
# fixed CPU reference measured in the same run. No database.
#   bench/staffing.sh          20 runs per case
#   bench/staffing.sh 50       more runs
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release -nologo -v q bench/Lianxin.Bench.Staffing
dotnet bench/Lianxin.Bench.Staffing/bin/Release/net10.0/Lianxin.Bench.Staffing.dll "${1:-20}"
