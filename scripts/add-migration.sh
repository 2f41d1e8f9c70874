#!/usr/bin/env bash
# Adds a migration with the same name for both database providers.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project src/Payout.Api --startup-project src/Payout.Api \
    --context "${provider}PayoutDbContext" \
    --output-dir "Migrations/$provider"
done
