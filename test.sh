#!/usr/bin/env bash
# Runs every Lianxin test. CI runs exactly this (through .ci/run).
#
# Usage: ./test.sh [--filter EXPR] [--parallel] [core] [web] [browser]
#   --filter EXPR      dotnet test filter passed to every project, e.g.
#                      --filter 'FullyQualifiedName~WorkOrders'
#   --parallel         run the test projects concurrently (output lines get a [core] etc. prefix)
#   core|web|browser   run only these test projects (default: all three)
#
# Steps:
#   1. install missing Debian dependencies (postgresql, chromium, fonts-noto-cjk) via apt-get
#   2. build Lianxin.slnx once (Release, warnings as errors)
#   3. start a throwaway PostgreSQL cluster (scripts/lib/postgres.sh) for web and browser
#   4. run each test project with `dotnet test --no-build`, TRX + console log into
#      artifacts/test-results/<project>.{trx,log}
#   5. print per-project results, then, as the very last line: N passed, N failed, N skipped
#
# Environment for the tests: LIANXIN_TEST_POSTGRES (Npgsql connection string, superuser,
# database `postgres`; tests create their own databases), LIANXIN_TEST_CHROMIUM,
# LIANXIN_TEST_PGBIN and the other LIANXIN_TEST_PG* variables of scripts/lib/postgres.sh.
#
# A project that cannot run (missing dependency, build failure, crash without TRX) counts as
# at least one failure. Exit status is 0 only when nothing failed.
#
# Knobs: LIANXIN_TEST_CHROMIUM (default /usr/bin/chromium), LIANXIN_TEST_PGBIN (default: the
# newest /usr/lib/postgresql/*/bin), LIANXIN_TEST_HANG_TIMEOUT (default 20m; 0 disables).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
source scripts/lib/common.sh
source scripts/lib/postgres.sh

SOLUTION=Lianxin.slnx
CONFIGURATION=Release
RESULTS_DIR=$ROOT/artifacts/test-results
CHROMIUM=${LIANXIN_TEST_CHROMIUM:-/usr/bin/chromium}
# A hung test would otherwise hang the whole run without saying which test it was; VSTest's
# blame collector kills the test host after this long in one test and names the test.
HANG_TIMEOUT=${LIANXIN_TEST_HANG_TIMEOUT:-20m}

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

ALL_PROJECTS=(core web browser)
declare -A PROJECT_CSPROJ=(
    [core]=tests/Lianxin.Core.Tests/Lianxin.Core.Tests.csproj
    [web]=tests/Lianxin.Web.Tests/Lianxin.Web.Tests.csproj
    [browser]=tests/Lianxin.Browser.Tests/Lianxin.Browser.Tests.csproj
)
# What each project needs besides .NET. Core tests are pure unit tests. Web tests run
# against SQLite and PostgreSQL. Browser tests drive the web app in Chromium; the UI is
# Chinese, and without CJK fonts text renders as boxes and layout assertions go wrong.
declare -A PROJECT_NEEDS=(
    [core]=""
    [web]="postgres"
    [browser]="postgres chromium cjk-fonts"
)

SELECTED=()
FILTER=""
PARALLEL=0
declare -A NOT_RUN=()   # project -> why it could not run; counted as (at least) 1 failure

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"
}

parse_args() {
    while (($#)); do
        case $1 in
            --filter)
                (($# >= 2)) || { lx_err "--filter needs an expression"; exit 2; }
                FILTER=$2
                shift 2
                ;;
            --filter=*) FILTER=${1#--filter=}; shift ;;
            --parallel) PARALLEL=1; shift ;;
            -h | --help) usage; exit 0 ;;
            core | web | browser)
                [[ " ${SELECTED[*]} " == *" $1 "* ]] || SELECTED+=("$1")
                shift
                ;;
            *) lx_err "unknown argument: $1 (see ./test.sh --help)"; exit 2 ;;
        esac
    done
    ((${#SELECTED[@]})) || SELECTED=("${ALL_PROJECTS[@]}")
}

mark_not_run() {   # mark_not_run PROJECT REASON (the first reason wins)
    [[ -n ${NOT_RUN[$1]:-} ]] || NOT_RUN[$1]=$2
}

project_needs() {  # project_needs PROJECT DEPENDENCY
    [[ " ${PROJECT_NEEDS[$1]} " == *" $2 "* ]]
}

# --- dependencies ----------------------------------------------------------------------

dep_present() {
    case $1 in
        postgres) pg_find_bindir >/dev/null ;;
        chromium) [[ -x $CHROMIUM ]] ;;
        cjk-fonts) lx_pkg_installed fonts-noto-cjk ;;
    esac
}

dep_package() {
    case $1 in
        postgres) echo postgresql ;;
        chromium) echo chromium ;;
        cjk-fonts) echo fonts-noto-cjk ;;
    esac
}

dep_description() {
    case $1 in
        postgres) echo "PostgreSQL server (Debian package postgresql; looked for initdb in ${LIANXIN_TEST_PGBIN:-/usr/lib/postgresql/*/bin})" ;;
        chromium) echo "Chromium at $CHROMIUM (Debian package chromium)" ;;
        cjk-fonts) echo "CJK fonts (Debian package fonts-noto-cjk)" ;;
    esac
}

# .NET itself: the SDK is not a Debian package, so it must already be installed; ICU is
# (the projects run with InvariantGlobalization=false, and the SDK needs it too).
ensure_dotnet() {
    if ! compgen -G '/usr/lib/*-linux-gnu*/libicuuc.so.*' >/dev/null; then
        local icu=libicu72   # Debian 12
        [[ $(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}") == trixie ]] && icu=libicu76
        lx_apt_install "$icu" || { lx_err "ICU (Debian package $icu) is missing and could not be installed"; return 1; }
    fi
    if ! command -v dotnet >/dev/null 2>&1; then
        lx_err "the .NET SDK is not installed (dotnet not on PATH); install the SDK version named in global.json"
        return 1
    fi
    dotnet --version >/dev/null || { lx_err "'dotnet --version' fails; the .NET SDK install is broken"; return 1; }
}

# Install, in one apt-get run, the missing dependencies of the selected projects. Projects
# whose dependencies are still missing afterwards are marked as not run.
ensure_dependencies() {
    local -A wanted=()
    local p d pkg missing=() packages=()
    for p in "${SELECTED[@]}"; do
        for d in ${PROJECT_NEEDS[$p]}; do wanted[$d]=1; done
    done
    for d in "${!wanted[@]}"; do
        dep_present "$d" && continue
        missing+=("$d")
        packages+=("$(dep_package "$d")")
    done
    ((${#missing[@]})) || return 0

    # If the combined install fails, try the packages one by one: installs what can be
    # installed, and the error output says which package is the problem.
    if ! lx_apt_install "${packages[@]}" && ((${#packages[@]} > 1)); then
        for pkg in "${packages[@]}"; do lx_apt_install "$pkg" || true; done
    fi

    for d in "${missing[@]}"; do
        dep_present "$d" && continue
        lx_err "missing and could not be installed: $(dep_description "$d")"
        for p in "${SELECTED[@]}"; do
            project_needs "$p" "$d" && mark_not_run "$p" "missing dependency: $(dep_description "$d")"
        done
    done
    return 0
}

# --- build and run ---------------------------------------------------------------------

build_solution() {
    lx_log "building $SOLUTION ($CONFIGURATION, warnings as errors)"
    # -warnaserror on top of TreatWarningsAsErrors (Directory.Build.props): it also turns
    # MSBuild and NuGet warnings into errors.
    if ! dotnet build "$SOLUTION" -c "$CONFIGURATION" -warnaserror -nologo; then
        lx_err "build failed"
        local p
        for p in "${SELECTED[@]}"; do mark_not_run "$p" "build of $SOLUTION failed (see the build output above)"; done
    fi
}

start_postgres_if_needed() {
    local p needed=()
    for p in "${SELECTED[@]}"; do
        [[ -z ${NOT_RUN[$p]:-} ]] && project_needs "$p" postgres && needed+=("$p")
    done
    ((${#needed[@]})) || return 0
    if ! pg_throwaway_start; then
        for p in "${needed[@]}"; do mark_not_run "$p" "the throwaway PostgreSQL cluster did not start (see above)"; done
    fi
}

# Runs one project; its output goes to the console and to <project>.log, its exit code to
# <project>.exitcode (a file, because in --parallel mode this runs in a background subshell).
run_project() {
    local name=$1
    local args=(test "${PROJECT_CSPROJ[$name]}" -c "$CONFIGURATION" --no-build --nologo
        --results-directory "$RESULTS_DIR" --logger "trx;LogFileName=$name.trx")
    [[ -n $FILTER ]] && args+=(--filter "$FILTER")
    [[ $HANG_TIMEOUT != 0 ]] && args+=(--blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none)

    lx_log "running $name tests: dotnet ${args[*]}"
    # A project without tests prints "No test is available in ..." and still writes a TRX
    # with total="0"; that is counted as 0 tests, not as a failure.
    local rc
    set +e
    dotnet "${args[@]}" 2>&1 | tee "$RESULTS_DIR/$name.log"
    rc=${PIPESTATUS[0]}
    set -e
    echo "$rc" >"$RESULTS_DIR/$name.exitcode"
    if ((rc == 0)) && grep -q 'No test is available in' "$RESULTS_DIR/$name.log"; then
        lx_log "$name has no tests yet; the 'No test is available' warning above is expected and counts as 0 tests"
    fi
}

run_projects() {
    local p runnable=() pids=()
    for p in "${SELECTED[@]}"; do
        [[ -n ${NOT_RUN[$p]:-} ]] || runnable+=("$p")
    done
    if ((PARALLEL)); then
        for p in "${runnable[@]}"; do
            run_project "$p" 2>&1 | sed -u "s/^/[$p] /" &
            pids+=($!)
        done
        ((${#pids[@]} == 0)) || wait "${pids[@]}" || true
    else
        for p in "${runnable[@]}"; do run_project "$p"; done
    fi
}

# --- results ---------------------------------------------------------------------------

# trx_counter '<Counters ...>' NAME: the value of attribute NAME (0 if absent). The leading
# space in the pattern keeps "passed" from matching "passedButRunAborted".
trx_counter() {
    local value
    value=$(sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p" <<<"$1")
    echo "${value:-0}"
}

TOTAL_PASSED=0
TOTAL_FAILED=0
TOTAL_SKIPPED=0

# Prints one line per project and adds it to the totals. Uses the TRX <Counters> element:
# failed = failed + error + timeout + aborted; skipped = total - passed - failed (xunit's
# skipped tests; at least notExecuted).
report_project() {
    local name=$1 trx=$RESULTS_DIR/$1.trx
    local passed=0 failed=0 skipped=0 note="" counters rc not_executed
    rc=$(cat "$RESULTS_DIR/$name.exitcode" 2>/dev/null || echo '?')
    if [[ -n ${NOT_RUN[$name]:-} ]]; then
        failed=1
        note="NOT RUN: ${NOT_RUN[$name]}"
    elif [[ ! -s $trx ]]; then
        failed=1
        note="no TRX produced (dotnet test exit code $rc): the test host crashed or never started; see $RESULTS_DIR/$name.log"
    else
        counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1 || true)
        if [[ -z $counters ]]; then
            failed=1
            note="$trx has no <Counters> element"
        else
            passed=$(trx_counter "$counters" passed)
            failed=$(($(trx_counter "$counters" failed) + $(trx_counter "$counters" error) +
                $(trx_counter "$counters" timeout) + $(trx_counter "$counters" aborted)))
            # VSTest leaves notExecuted at 0 for xunit's skipped tests and only counts them
            # in total (not in executed): whatever neither passed nor failed was skipped.
            skipped=$(($(trx_counter "$counters" total) - passed - failed))
            not_executed=$(trx_counter "$counters" notExecuted)
            ((skipped >= not_executed)) || skipped=$not_executed
            if [[ $rc != 0 ]] && ((failed == 0)); then
                failed=1
                note="dotnet test exited with code $rc but the TRX lists no failed test (aborted or crashed run?); see $RESULTS_DIR/$name.log"
            elif ((passed + failed + skipped == 0)); then
                note="no tests${FILTER:+ matched the filter}"
            fi
        fi
    fi
    printf '%-8s %d passed, %d failed, %d skipped%s\n' "$name" "$passed" "$failed" "$skipped" "${note:+  -- $note}"
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + failed))
    TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
}

report() {
    local p
    printf '\n==== Test results (TRX and logs in %s) ====\n' "${RESULTS_DIR#"$ROOT"/}"
    for p in "${SELECTED[@]}"; do report_project "$p"; done
    # The contract with CI: this is the last line of output.
    printf '%d passed, %d failed, %d skipped\n' "$TOTAL_PASSED" "$TOTAL_FAILED" "$TOTAL_SKIPPED"
}

main() {
    parse_args "$@"
    lx_install_traps
    rm -rf "$RESULTS_DIR"
    mkdir -p "$RESULTS_DIR"

    if ensure_dotnet; then
        ensure_dependencies
        build_solution
        start_postgres_if_needed
        export LIANXIN_TEST_CHROMIUM=$CHROMIUM
        run_projects
    else
        local p
        for p in "${SELECTED[@]}"; do mark_not_run "$p" ".NET is not usable (see above)"; done
    fi

    # The blame collector leaves empty per-run directories behind.
    find "$RESULTS_DIR" -mindepth 1 -type d -empty -delete 2>/dev/null || true

    # Tear the cluster down now rather than in the EXIT trap, so nothing is printed after
    # the summary line.
    lx_run_cleanups
    report
    if ((TOTAL_FAILED > 0)); then exit 1; fi
    exit 0
}

main "$@"
