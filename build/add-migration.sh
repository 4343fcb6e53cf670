#!/usr/bin/env bash
# Adds one migration with the same name for every provider (SQLite, PostgreSQL, SQL Server).
# Usage: build/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: build/add-migration.sh <MigrationName>}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" \
    --project src/SalesAlign.Infrastructure --startup-project src/SalesAlign.Infrastructure \
    --context "${provider}AppDbContext" --output-dir "Persistence/Migrations/$provider"
done
