#!/usr/bin/env bash
# The bank test under faults (issue 11 item 3):
#
#   scripts/soak.sh [--seconds 600] [--apis 3] [--clients 32] [--pause-ms 0] [--kills 10] [--db-restarts 3] [--seed N]
#
# Builds the API, the sandbox network and the load driver (Release), then bench/Payout.Soak starts a durable
# throwaway PostgreSQL (scripts/lib/postgres.sh), one sandbox network process and --apis API processes on it, and
# runs --clients concurrent clients (sign-ins, deposits with references, offers and executes with Idempotency-Keys,
# retried after a dropped connection or a 503; each pausing --pause-ms between steps, 0 = a closed loop) against
# random API processes for --seconds. Meanwhile it kills a random API process with SIGKILL --kills times (restarting
# it) and stops PostgreSQL with pg_ctl -m immediate --db-restarts times. Then it checks every payout, the network's
# payments and every unit of money, and prints ONE line with the counts; exits 0 only with 0 violations. The log and
# the line go to artifacts/soak/. Only 127.0.0.1 is used.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

OUT="artifacts/soak"
mkdir -p "$OUT"

echo "==> building (Release)" >&2
for project in src/Payout.Api src/Payout.Sandbox bench/Payout.Soak; do
    dotnet build "$project" -c Release --disable-build-servers -v quiet -nologo >"$OUT/build.log" 2>&1 \
        || { cat "$OUT/build.log" >&2; exit 1; }
done

echo "==> soak $*" >&2
rc=0
dotnet bench/Payout.Soak/bin/Release/net10.0/Payout.Soak.dll "$@" 2> >(tee "$OUT/soak.log" >&2) | tee "$OUT/line.txt" || rc=$?
exit "$rc"
