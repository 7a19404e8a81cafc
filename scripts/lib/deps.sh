# Installs what the tests need from Debian packages when it is missing. Sourced by test.sh and
# bench/run.sh. A dependency that cannot be installed fails the run: nothing is skipped for it.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "error: need root (or sudo) to run: $*" >&2; return 1
  fi
}

apt_install() {
  echo "installing Debian packages: $*" >&2
  local tries=0
  # Another apt may hold the lock for a while (unattended upgrades, a parallel job).
  until as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/tmp/lianxin-apt.log 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -eq 1 ]; then
      as_root apt-get update >/tmp/lianxin-apt-update.log 2>&1 || true
    elif grep -q "Could not get lock" /tmp/lianxin-apt.log && [ "$tries" -lt 30 ]; then
      sleep 10
    else
      echo "error: could not install $* (see /tmp/lianxin-apt.log)" >&2
      tail -5 /tmp/lianxin-apt.log >&2
      return 1
    fi
  done
}

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

ensure_postgres() {
  if [ -z "$(pg_bindir)" ]; then apt_install postgresql postgresql-contrib || return 1; fi
  if [ -z "$(pg_bindir)" ]; then echo "error: PostgreSQL server binaries not found after install" >&2; return 1; fi
}

ensure_chromium() {
  command -v chromium >/dev/null 2>&1 || apt_install chromium || return 1
  fc-list 2>/dev/null | grep -qi "noto.*cjk" || apt_install fonts-noto-cjk || return 1
}
