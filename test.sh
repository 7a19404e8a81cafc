#!/usr/bin/env bash
# Runs every test suite on this machine and ends with one line: "N passed, N failed, N skipped".
#   ./test.sh                 all suites
#   ./test.sh core|web|browser (one or more) only those suites
#   ./test.sh --filter EXPR   a dotnet test filter for every suite
# Installs PostgreSQL, Chromium and CJK fonts from Debian packages when missing, and runs the
# PostgreSQL tests against a throwaway cluster. A missing dependency fails the run.
set -uo pipefail
cd "$(dirname "$0")"
. scripts/lib/deps.sh
. scripts/lib/postgres.sh

suites=()
filter=()
while [ $# -gt 0 ]; do
  case "$1" in
    core|web|browser) suites+=("$1") ;;
    --filter) filter=(--filter "$2"); shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#suites[@]} -gt 0 ] || suites=(core web browser)

declare -A project=(
  [core]=tests/Lianxin.Core.Tests
  [web]=tests/Lianxin.Web.Tests
  [browser]=tests/Lianxin.Browser.Tests
)

results=$(mktemp -d /tmp/lianxin-results.XXXXXX)
cleanup() { pg_stop; rm -rf "$results"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

broken=()
need_pg=0; need_browser=0
for s in "${suites[@]}"; do
  [ "$s" = web ] && need_pg=1
  [ "$s" = browser ] && need_browser=1 && need_pg=1
done
if [ $need_pg -eq 1 ]; then
  ensure_postgres || broken+=("PostgreSQL could not be installed")
fi
if [ $need_browser -eq 1 ]; then
  ensure_chromium || broken+=("Chromium or CJK fonts could not be installed")
  export LIANXIN_TEST_CHROMIUM=/usr/bin/chromium
fi
if [ $need_pg -eq 1 ] && [ ${#broken[@]} -eq 0 ]; then
  pg_start || broken+=("the throwaway PostgreSQL did not start")
fi

echo "building…"
if ! dotnet build Lianxin.slnx -c Debug -nologo -v q; then
  broken+=("the build failed")
fi

passed=0; failed=0; skipped=0
if [ ${#broken[@]} -eq 0 ]; then
  for s in "${suites[@]}"; do
    echo "== $s (${project[$s]})"
    dotnet test "${project[$s]}" --no-build -c Debug -nologo "${filter[@]}" \
      --logger "trx;LogFileName=$s.trx" --logger "console;verbosity=normal" --results-directory "$results" \
      | grep -vE '^\s*(Passed|Skipped) ' || true
    trx="$results/$s.trx"
    if [ ! -f "$trx" ]; then
      broken+=("suite '$s' produced no results (crashed or did not start)")
      continue
    fi
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    get() { echo "$counters" | grep -o "$1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
    total=$(get total); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); n=$(get notExecuted)
    passed=$((passed + p)); failed=$((failed + f + e + t + a)); skipped=$((skipped + n))
    echo "-- $s: $total tests, $p passed, $((f + e + t + a)) failed, $n skipped"
  done
fi

for b in "${broken[@]}"; do echo "error: $b" >&2; failed=$((failed + 1)); done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
