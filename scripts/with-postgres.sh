#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL (LIANXIN_TEST_POSTGRES, PGHOST, PGPORT are set).
# Example: scripts/with-postgres.sh dotnet test tests/Lianxin.Web.Tests
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/deps.sh"
. "$here/lib/postgres.sh"
[ $# -gt 0 ] || { echo "usage: $0 <command...>" >&2; exit 2; }
ensure_postgres
trap pg_stop EXIT
trap 'exit 130' INT TERM
pg_start
"$@"
