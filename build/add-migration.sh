#!/usr/bin/env bash
# Adds one migration with the same name for every provider (SQLite, PostgreSQL, SQL Server).
# Each provider's migrations live in their own project, src/SalesAlign.Migrations.<Provider>, which is also
# its own startup project (its DesignTimeFactory builds the context with ProviderOptions).
# Usage: build/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: build/add-migration.sh <MigrationName>}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  project=src/SalesAlign.Migrations.$provider
  dotnet ef migrations add "$name" \
    --project "$project" --startup-project "$project" \
    --context "${provider}AppDbContext" --output-dir Migrations --namespace "SalesAlign.Migrations.$provider"
done
