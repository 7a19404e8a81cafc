#!/usr/bin/env bash
# Generates one migration per database provider from the current model (ADR 0003).
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Lianxin.Web -v q -nologo >/dev/null

Lianxin__Database__Provider=sqlite \
  dotnet ef migrations add "$name" --no-build \
    --project src/Lianxin.Migrations.Sqlite --startup-project src/Lianxin.Web \
    --context LianxinDbContext --output-dir Migrations

# The connection string is not opened at design time; it only selects the provider.
Lianxin__Database__Provider=postgres ConnectionStrings__Lianxin="Host=localhost;Database=design_time" \
  dotnet ef migrations add "$name" --no-build \
    --project src/Lianxin.Migrations.Postgres --startup-project src/Lianxin.Web \
    --context LianxinDbContext --output-dir Migrations
