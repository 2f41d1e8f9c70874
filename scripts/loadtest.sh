#!/usr/bin/env bash
# Same-run load test (issue 9): pgbench, a bare Kestrel app and PayOut in Release on PostgreSQL and SQLite,
# all on this machine in one go, so the ratios between them mean something. Not part of .ci/run or test.sh.
#
#   scripts/loadtest.sh                     # defaults: one run, about 4½ minutes on a quiet machine
#   LOADTEST_RUNS=3 scripts/loadtest.sh     # the issue's targets are medians of 3 runs
#   LOADTEST_SCALE=1 scripts/loadtest.sh    # also 1,000,000 payouts / 100,000 customers seeded (adds minutes)
#
# It starts a throwaway PostgreSQL cluster like scripts/test.sh does, but with durable commits (fsync,
# synchronous_commit, full_page_writes on) and pg_stat_statements loaded, and removes it at the end.
# Results: artifacts/loadtest/loadtest-<UTC time>.json and .md (the table printed at the end).
# docs/performance.md explains every figure.
#
# Options (environment variables):
#   LOADTEST_SECONDS=10          timed window of each phase
#   LOADTEST_WARMUP_SECONDS=2    warm-up before each window (sent, not recorded)
#   LOADTEST_SERVICE_WARMUP_SECONDS=30  once per service start: every phase's traffic in turn, not recorded (JIT),
#                                       then more rounds of it until the service's JIT has settled (below 2 % of a core)
#   LOADTEST_SERVICE_WARMUP_MAX_SECONDS=180  the warm-up's limit, settled or not
#   LOADTEST_CLIENTS=16          closed-loop clients of the flow (offer → pay) and offers phases
#   LOADTEST_READ_CLIENTS=32     connections of GET /data, history, /health/live and the bare Kestrel reference
#   LOADTEST_CUSTOMERS=64        customers the write phases rotate over (each KYC_3, 1,000,000 USDT, card 4111…1111)
#   LOADTEST_AMOUNT=30           USDT per payout (USDT → EUR)
#   LOADTEST_DATABASES="postgres sqlite"
#   LOADTEST_SCENARIOS="flow data offers history health"
#   LOADTEST_RUNS=1              repetitions of the whole set; the table shows medians
#   LOADTEST_PGBENCH_SECONDS=30  pgbench -T (after pgbench -i -s LOADTEST_PGBENCH_SCALE, default 10)
#   LOADTEST_SCALE=0             1: also seed a database per provider and run flow, /data and history on it
#   LOADTEST_SCALE_CUSTOMERS=100000
#   LOADTEST_SCALE_PAYOUTS=1000000
#   LOADTEST_OUT_DIR=artifacts/loadtest
#   LOADTEST_API_DLL=…            the service to run (default: the Release build of src/Payout.Api; e.g. a ReadyToRun publish)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1
export DOTNET_CLI_USE_MSBUILD_SERVER=0
export UseSharedCompilation=false

export LOADTEST_OUT_DIR="${LOADTEST_OUT_DIR:-$ROOT/artifacts/loadtest}"
LOADTEST_WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/payout-loadtest.XXXXXXXX")"
export LOADTEST_WORK_DIR
export LOADTEST_PIDFILE="$LOADTEST_WORK_DIR/pids"
: >"$LOADTEST_PIDFILE"

# shellcheck disable=SC2317  # invoked from the EXIT trap
cleanup() {
    local rc=$1 pid
    # Whatever the load test started and did not end (it ends them itself unless it died): by pid, and only
    # if that pid is still one of our processes (a service, the reference app, psql on a payout database).
    while read -r pid; do
        [[ "$pid" =~ ^[0-9]+$ ]] || continue
        if grep -qai "$LOADTEST_WORK_DIR\|payout" "/proc/$pid/cmdline" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done <"$LOADTEST_PIDFILE"
    pg_stop_throwaway >/dev/null 2>&1 || true
    if (( rc != 0 )); then
        local logs
        logs="$LOADTEST_OUT_DIR/failed-$(date -u +%Y%m%d-%H%M%S)"
        mkdir -p "$logs"
        find "$LOADTEST_WORK_DIR" -name '*.log' -exec cp --parents {} "$logs" \; 2>/dev/null || true
        echo "loadtest: failed; service and pgbench logs are in $logs" >&2
    fi
    rm -rf "$LOADTEST_WORK_DIR"
}
trap 'rc=$?; cleanup $rc; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "==> Building (Release)"
dotnet build bench/Payout.LoadTest -c Release --disable-build-servers -v quiet -nologo
dotnet build bench/Payout.Reference -c Release --disable-build-servers -v quiet -nologo
export LOADTEST_API_DLL="${LOADTEST_API_DLL:-$ROOT/src/Payout.Api/bin/Release/net10.0/Payout.Api.dll}"
export LOADTEST_REFERENCE_DLL="$ROOT/bench/Payout.Reference/bin/Release/net10.0/Payout.Reference.dll"

echo "==> Starting throwaway PostgreSQL (durable commits, pg_stat_statements)"
pg_ensure_installed
pg_start_throwaway --durable -c shared_preload_libraries=pg_stat_statements
export LOADTEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
export LOADTEST_PG_BINDIR="$PG_BINDIR"
LOADTEST_PG_PID="$(head -n 1 "$PG_TMPDIR/data/postmaster.pid")"
export LOADTEST_PG_PID

LOADTEST_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then LOADTEST_COMMIT+="+changes"; fi
export LOADTEST_COMMIT

echo "==> Load test"
dotnet "$ROOT/bench/Payout.LoadTest/bin/Release/net10.0/Payout.LoadTest.dll" run
