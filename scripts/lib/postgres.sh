# shellcheck shell=bash
# A throwaway PostgreSQL cluster for tests and benchmarks. Source after lib/common.sh.
#
#   pg_find_bindir        print the PostgreSQL server bin dir (LIANXIN_TEST_PGBIN if set,
#                         else the newest /usr/lib/postgresql/<ver>/bin)
#   pg_ensure_installed   install the `postgresql` Debian package if no server is found
#   pg_throwaway_start    initdb a private cluster in a temp dir, start it on a free port of
#                         127.0.0.1 and export the LIANXIN_TEST_* variables below
#   pg_throwaway_stop     stop it and delete the temp dir (idempotent; pg_throwaway_start
#                         registers it with lx_register_cleanup, so callers only need
#                         lx_install_traps; a watchdog process covers a SIGKILLed caller)
#
# Exported by pg_throwaway_start:
#   LIANXIN_TEST_POSTGRES    Npgsql connection string, superuser, database `postgres`
#   LIANXIN_TEST_PGURL       the same as a libpq URI, for psql/pgbench
#   LIANXIN_TEST_PGHOST/PGPORT/PGUSER/PGPASSWORD   the pieces
#   LIANXIN_TEST_PGSOCKETDIR unix socket dir (trust auth; for psql -h)
#   LIANXIN_TEST_PGBIN       the bin dir (initdb, pg_ctl, psql, pgbench, ...)
#
# LIANXIN_PG_SHARED_BUFFERS sets shared_buffers (default 256MB; benchmarks over large tables raise it).
#
# For tests the cluster trades durability for speed (fsync, synchronous_commit and full_page_writes
# off): it lives only as long as the calling script and its data is thrown away. Benchmarks set
# LIANXIN_PG_DURABLE=1 to keep PostgreSQL's durable defaults, as a centre would run it.

PG_SUPERUSER=postgres
PG_PASSWORD=postgres
PG_BINDIR=""
PG_TMPDIR=""     # cluster root: data/, unix socket, server log
PG_OS_USER=""    # OS user that owns the cluster (initdb and postgres refuse to run as root)
PG_RUN_AS=()     # command prefix that runs PostgreSQL binaries as $PG_OS_USER
PG_WATCHDOG_PID=""

pg_find_bindir() {
    if [[ -n ${LIANXIN_TEST_PGBIN:-} ]]; then
        [[ -x $LIANXIN_TEST_PGBIN/initdb && -x $LIANXIN_TEST_PGBIN/pg_ctl ]] || return 1
        printf '%s\n' "$LIANXIN_TEST_PGBIN"
        return 0
    fi
    # Debian's packages are not on PATH; several major versions can coexist, take the newest.
    local dir best=""
    while IFS= read -r dir; do
        [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]] && best=$dir
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V)
    [[ -n $best ]] || return 1
    printf '%s\n' "$best"
}

pg_ensure_installed() {
    if [[ -n ${LIANXIN_TEST_PGBIN:-} ]] && ! pg_find_bindir >/dev/null; then
        lx_err "LIANXIN_TEST_PGBIN=$LIANXIN_TEST_PGBIN does not contain initdb and pg_ctl"
        return 1
    fi
    pg_find_bindir >/dev/null && return 0
    lx_apt_install postgresql || true
    pg_find_bindir >/dev/null && return 0
    lx_err "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin and the 'postgresql' package could not be installed"
    return 1
}

# As root, pick the unprivileged OS user that will own the cluster: the `postgres` user of
# the Debian package, else a dedicated system user.
pg_choose_os_user() {
    if [[ $EUID -ne 0 ]]; then
        PG_OS_USER=$(id -un)
        PG_RUN_AS=()
        return 0
    fi
    local user=postgres
    if ! id -u "$user" >/dev/null 2>&1; then
        user=lianxin-test
        if ! id -u "$user" >/dev/null 2>&1 &&
            ! useradd --system --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin "$user"; then
            lx_err "running as root, but there is no 'postgres' user and creating '$user' failed"
            return 1
        fi
    fi
    PG_OS_USER=$user
    PG_RUN_AS=(runuser -u "$user" --)
}

pg_port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A random port below Linux's ephemeral range (32768+), so that it cannot be taken by some
# client's outgoing connection, and with nothing listening on it right now. The start loop
# below still retries, because another process can grab the port before postgres binds it.
pg_pick_port() {
    local port i
    for i in {1..50}; do
        port=$((20000 + RANDOM % 12000))
        pg_port_in_use "$port" || { printf '%s\n' "$port"; return 0; }
    done
    return 1
}

pg_throwaway_start() {
    PG_BINDIR=$(pg_find_bindir) || { lx_err "PostgreSQL server not found (run pg_ensure_installed)"; return 1; }
    pg_choose_os_user || return 1

    # As root the cluster belongs to another user, which must be able to reach the dir:
    # use /tmp rather than a $TMPDIR that may be private to root.
    local parent=${TMPDIR:-/tmp}
    [[ $EUID -eq 0 ]] && parent=/tmp
    PG_TMPDIR=$(mktemp -d "$parent/lianxin-test-pg.XXXXXXXX") || { lx_err "mktemp failed in $parent"; return 1; }
    # Registered before initdb, so a failed or interrupted start is cleaned up too.
    lx_register_cleanup pg_throwaway_stop
    pg_start_watchdog

    if [[ $EUID -eq 0 ]] && ! chown "$PG_OS_USER:" "$PG_TMPDIR"; then
        lx_err "could not chown $PG_TMPDIR to $PG_OS_USER"
        return 1
    fi
    local pwfile=$PG_TMPDIR/pwfile
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    [[ $EUID -eq 0 ]] && chown "$PG_OS_USER:" "$pwfile"

    # Local (unix socket) connections are trusted: the socket lives in our private dir.
    # TCP needs the password, like a real server. C.UTF-8 exists on every Debian system.
    if ! "${PG_RUN_AS[@]}" "$PG_BINDIR/initdb" -D "$PG_TMPDIR/data" -U "$PG_SUPERUSER" \
        --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PG_TMPDIR/initdb.log" 2>&1; then
        lx_err "initdb failed:"
        cat "$PG_TMPDIR/initdb.log" >&2
        return 1
    fi
    rm -f "$pwfile"

    # max_connections: test projects and test classes run in parallel, each with a pool.
    cat >>"$PG_TMPDIR/data/postgresql.conf" <<CONF

# --- lianxin throwaway test cluster ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMPDIR'
$(if [[ ${LIANXIN_PG_DURABLE:-0} == 1 ]]; then echo "# durable defaults kept (LIANXIN_PG_DURABLE=1)"; else printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off'; fi)
max_connections = 300
shared_buffers = ${LIANXIN_PG_SHARED_BUFFERS:-256MB}
CONF

    local attempt port log=$PG_TMPDIR/server.log
    for attempt in {1..10}; do
        port=$(pg_pick_port) || { lx_err "no free TCP port found on 127.0.0.1"; return 1; }
        [[ -f $log ]] && : >"$log"   # keep only this attempt's messages (the file is the OS user's)
        if "${PG_RUN_AS[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_TMPDIR/data" -l "$log" \
            -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
            break
        fi
        if grep -qE 'could not bind|Address already in use' "$log" 2>/dev/null; then
            port=""
            continue   # lost a race for the port; pick another one
        fi
        lx_err "PostgreSQL did not start; server log:"
        cat "$log" >&2 2>/dev/null
        return 1
    done
    [[ -n $port ]] || { lx_err "PostgreSQL could not bind a free port after $attempt attempts"; return 1; }

    export LIANXIN_TEST_PGBIN=$PG_BINDIR
    export LIANXIN_TEST_PGHOST=127.0.0.1
    export LIANXIN_TEST_PGPORT=$port
    export LIANXIN_TEST_PGUSER=$PG_SUPERUSER
    export LIANXIN_TEST_PGPASSWORD=$PG_PASSWORD
    export LIANXIN_TEST_PGSOCKETDIR=$PG_TMPDIR
    export LIANXIN_TEST_PGURL="postgresql://$PG_SUPERUSER:$PG_PASSWORD@127.0.0.1:$port/postgres"
    # Include Error Detail: put server error details (constraint values etc.) into
    # exception messages, which is what one wants when a test fails.
    export LIANXIN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=$PG_SUPERUSER;Password=$PG_PASSWORD;Database=postgres;Pooling=true;Maximum Pool Size=50;Include Error Detail=true"

    # pg_ctl -w only proves the server accepts connections; check the exported credentials
    # over TCP as the tests will use them.
    if [[ -x $PG_BINDIR/psql ]] &&
        ! "$PG_BINDIR/psql" -X -Atq -d "$LIANXIN_TEST_PGURL" -c 'select 1' >/dev/null; then
        lx_err "PostgreSQL started but a password login over TCP failed"
        return 1
    fi
    lx_log "throwaway PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (dir $PG_TMPDIR)"
}

# The EXIT trap is the normal teardown, but it cannot run when this shell is SIGKILLed, and
# bash defers a SIGTERM trap until the foreground command (a long test run) has finished, so
# a CI runner that gives up waiting would leak the cluster. This background process outlives
# the shell and tears the cluster down once the shell is gone; the normal teardown kills it.
# Its output goes to /dev/null so it does not hold the caller's pipes open.
pg_start_watchdog() {
    local shell_pid=$$
    (
        trap '' HUP INT TERM
        while kill -0 "$shell_pid" 2>/dev/null; do sleep 2; done
        pg_throwaway_stop || true
    ) </dev/null >/dev/null 2>&1 &
    PG_WATCHDOG_PID=$!
    disown "$PG_WATCHDOG_PID"   # no "Killed ..." job report when the normal teardown kills it
}

pg_throwaway_stop() {
    if [[ -n $PG_WATCHDOG_PID ]]; then
        kill -KILL "$PG_WATCHDOG_PID" 2>/dev/null || true
        PG_WATCHDOG_PID=""
    fi
    [[ -n $PG_TMPDIR ]] || return 0
    local dir=$PG_TMPDIR pid i
    PG_TMPDIR=""
    if [[ -f $dir/data/postmaster.pid ]]; then
        # Immediate shutdown: the data is thrown away, a shutdown checkpoint is wasted time.
        if ! "${PG_RUN_AS[@]}" "$PG_BINDIR/pg_ctl" -D "$dir/data" -m immediate -w -t 30 \
            stop >/dev/null 2>&1; then
            # pg_ctl failed (e.g. interrupted start): SIGQUIT is the postmaster's own
            # "immediate shutdown" (it takes its children down), SIGKILL as the last resort.
            pid=$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null)
            if [[ $pid =~ ^[0-9]+$ ]] && kill -QUIT "$pid" 2>/dev/null; then
                for i in {1..50}; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf -- "$dir"
}
