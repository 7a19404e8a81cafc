#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh <command> [args...]
#
# Runs <command> with a throwaway PostgreSQL cluster (the same one ./test.sh uses), e.g.
#   scripts/with-postgres.sh dotnet test tests/Lianxin.Web.Tests
#   scripts/with-postgres.sh bash -c '"$LIANXIN_TEST_PGBIN/pgbench" -i "$LIANXIN_TEST_PGURL"'
#   scripts/with-postgres.sh bash -c 'psql "$LIANXIN_TEST_PGURL"'
# The command sees LIANXIN_TEST_POSTGRES (Npgsql connection string), LIANXIN_TEST_PGURL
# (libpq URI), LIANXIN_TEST_PGHOST/PGPORT/PGUSER/PGPASSWORD/PGSOCKETDIR and
# LIANXIN_TEST_PGBIN; see scripts/lib/postgres.sh. The cluster is stopped and deleted when
# the command ends, fails or is interrupted. Exits with the command's exit status.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib/common.sh"
source "$here/lib/postgres.sh"

if (($# == 0)) || [[ $1 == -h || $1 == --help ]]; then
    sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
fi

lx_install_traps
pg_ensure_installed || exit 1
pg_throwaway_start || exit 1

# Not `exec`: this shell has to stay around to tear the cluster down afterwards.
set +e
"$@"
rc=$?
set -e
exit "$rc"
