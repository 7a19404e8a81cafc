# shellcheck shell=bash
# Shared helpers for ./test.sh and scripts/*.sh. Source this file, don't execute it.
# Functions report errors and `return 1` rather than `exit`, so callers decide whether a
# failure is fatal (with-postgres.sh) or just marks some test projects as not run (test.sh).

# Diagnostics go to stderr so that stdout stays clean for results (test.sh's summary).
lx_log() { printf '[lianxin] %s\n' "$*" >&2; }
lx_err() { printf '[lianxin] ERROR: %s\n' "$*" >&2; }

# --- cleanup on exit ---------------------------------------------------------------------
# Scripts register cleanup functions (e.g. pg_throwaway_stop) and call lx_install_traps
# once. Cleanups run in reverse order on normal exit, on error exits and on Ctrl-C/TERM/HUP;
# they must be idempotent because test.sh also calls lx_run_cleanups explicitly, before it
# prints its final summary line (nothing may be printed after that line).
LX_CLEANUPS=()

lx_register_cleanup() { LX_CLEANUPS+=("$1"); }

lx_run_cleanups() {
    local i
    for ((i = ${#LX_CLEANUPS[@]} - 1; i >= 0; i--)); do
        "${LX_CLEANUPS[i]}" || true
    done
    LX_CLEANUPS=()
}

lx_install_traps() {
    trap lx_run_cleanups EXIT
    # `exit` inside a signal trap runs the EXIT trap, i.e. the cleanups; 128+N is the usual
    # exit status for "killed by signal N".
    trap 'lx_log "hangup, cleaning up"; exit 129' HUP
    trap 'lx_log "interrupted, cleaning up"; exit 130' INT
    trap 'lx_log "terminated, cleaning up"; exit 143' TERM
}

# --- Debian packages ---------------------------------------------------------------------

# Run a command as root: directly when we are root, through sudo otherwise.
lx_as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -- "$@"
    else
        lx_err "root is needed to run '$*' (installing test dependencies), but this is not root and sudo is not installed; run as root or install sudo"
        return 1
    fi
}

lx_pkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# How long to keep retrying while another apt/dpkg process (unattended-upgrades, another
# developer's install) holds the apt or dpkg lock.
LX_APT_LOCK_WAIT=${LX_APT_LOCK_WAIT:-300}

# apt-get, non-interactive, waiting for the apt/dpkg locks instead of failing at once.
# DPkg::Lock::Timeout covers the dpkg lock; the loop also covers the lists lock of `update`.
lx_apt_get() {
    local deadline=$((SECONDS + LX_APT_LOCK_WAIT)) out rc
    out=$(mktemp) || return 1
    while :; do
        lx_as_root env DEBIAN_FRONTEND=noninteractive \
            apt-get -o DPkg::Lock::Timeout=60 "$@" 2>&1 | tee "$out" >&2
        rc=${PIPESTATUS[0]}
        if ((rc != 0)) && ((SECONDS < deadline)) &&
            grep -qiE 'could not get lock|unable to lock|unable to acquire' "$out"; then
            lx_log "apt is locked by another process; retrying in 10s"
            sleep 10
            continue
        fi
        rm -f "$out"
        return "$rc"
    done
}

LX_APT_UPDATED=0

# lx_apt_install PKG...: install Debian packages. `apt-get update` runs at most once, and
# only when the plain install fails: a fresh image has no package lists, but on a warm
# machine an update is slow and pointless.
lx_apt_install() {
    if [[ $EUID -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
        lx_err "cannot install Debian packages ($*): not running as root and sudo is not installed; run as root, or install them first: apt-get install -y $*"
        return 1
    fi
    lx_log "installing Debian packages: $*"
    lx_apt_get install -y "$@" && return 0
    ((LX_APT_UPDATED)) && return 1
    lx_log "apt-get install failed; running apt-get update once and retrying"
    LX_APT_UPDATED=1
    lx_apt_get update || return 1
    lx_apt_get install -y "$@"
}
