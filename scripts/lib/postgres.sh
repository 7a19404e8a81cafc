# A throwaway PostgreSQL cluster: initdb into a temporary directory, listen on a free loopback port,
# tuned for tests (no fsync), removed on exit. Sourced; call pg_start, then use PGHOST/PGPORT and
# LIANXIN_TEST_POSTGRES; pg_stop runs from the caller's EXIT trap.

pg_free_port() {
  local port
  for port in $(seq 55500 55999); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_start() {
  local bindir; bindir=$(pg_bindir) || { echo "error: no PostgreSQL server" >&2; return 1; }
  PG_TMP=$(mktemp -d /tmp/lianxin-pg.XXXXXX)
  chmod 755 "$PG_TMP"
  local port; port=$(pg_free_port) || { echo "error: no free port" >&2; return 1; }
  # initdb refuses to run as root: run the cluster as the postgres system user when we are root.
  local runas=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    chown postgres "$PG_TMP"
    runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$bindir/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 \
    || { cat "$PG_TMP/initdb.log" >&2; return 1; }
  "${runas[@]}" "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" \
    start >/dev/null || { cat "$PG_TMP/server.log" >&2; return 1; }
  PG_BINDIR=$bindir
  PG_RUNAS=("${runas[@]}")
  export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
  export LIANXIN_TEST_PGBIN=$bindir LIANXIN_TEST_PGHOST=127.0.0.1 LIANXIN_TEST_PGPORT=$port
  export LIANXIN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=postgres;Maximum Pool Size=50"
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($PG_TMP)" >&2
}

pg_stop() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP" ]; then
    "${PG_RUNAS[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
    PG_TMP=
  fi
}
