#!/usr/bin/env bash
# Runs the whole PayOut test suite: the one command for developers and CI.
#
#   scripts/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Payouts]
#
# - builds the solution once (Release; one compiler server of its own, stopped when the build ends),
# - runs every other test project (tests/*/*Tests.csproj) once,
# - runs every tests/*/*IntegrationTests.csproj (the service against a database) once per database in
#   PAYOUT_TEST_DATABASES (default "Sqlite Postgres"), with PAYOUT_TEST_DATABASE set;
#   tests tagged [Trait("Category", "Slow")] (the crash-safety test) run once per suite, on PostgreSQL only
#   (on SQLite too when PostgreSQL is not among the databases),
# - for tests/*BrowserTests (Playwright), finds Debian's chromium-headless-shell, installing it when run as root
#   without it; a missing browser fails the run,
# - for Postgres, starts a throwaway cluster on a free 127.0.0.1 port (installing
#   Debian's postgresql package first when run as root without it) and exports
#   PAYOUT_TEST_POSTGRES (superuser connection string; tests create their own databases),
# - writes TRX files to artifacts/test-results and prints, as its LAST line,
#   "N passed, N failed" (", N skipped" appended when some were skipped).
# Exits non-zero if any test failed, any run/build failed, or no test ran at all.
#
# Environment knobs:
#   PAYOUT_TEST_DATABASES      databases for integration tests (default "Sqlite Postgres")
#   PAYOUT_TEST_HANG_TIMEOUT   each dotnet test run is stopped after this long (timeout(1) syntax, default 15m;
#                              "0" disables); a test running over 2 minutes is named every 2 minutes before that
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=scripts/lib/postgres.sh
source "$ROOT/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/chromium.sh
source "$ROOT/scripts/lib/chromium.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No build servers / MSBuild nodes may outlive this script (they would keep CI's output open). The build uses one
# compiler server of its own (a pipe name no other build shares: a cold compiler per project costs about a third of
# the build's CPU) and stops it as soon as the build ends, or on exit.
export MSBUILDDISABLENODEREUSE=1
export DOTNET_CLI_USE_MSBUILD_SERVER=0
COMPILER_SERVER="payout-test-$$-$RANDOM"
# Runtime settings for what this script starts (the build, the test processes and the service processes they start),
# never the service's defaults: each process is short-lived and spends much of its CPU in the JIT. Without tiered PGO a
# hot method is compiled twice instead of three times (no instrumented tier between the quick and the optimised code):
# about a fifth less CPU for the tests and the build. Workstation GC for the test runs: the service processes the tests
# start would otherwise run server GC (a heap and a GC thread per core). See docs/decisions.md.
export DOTNET_TieredPGO=0
# Idle thread-pool threads do not spin before they sleep (ThreadPool_UnfairSemaphoreSpinLimit=0): on two busy cores the
# spinning was CPU taken from the other lanes (about a tenth of an integration run's). Hot methods are recompiled
# optimised only after 2 s without new methods being compiled (TC_CallCountingDelayMs, default 100 ms): a test process
# meets new code all the time, and recompiling what it ran a few dozen times cost a third of its JIT work and more than
# the faster code gave back (not for the build: the compiler server is slower with it). Without W^X
# (EnableWriteXorExecute=0) the JIT writes code without remapping pages each time: a hardening a short test process
# does not need, about 5 % of its CPU.
TEST_RUNTIME_SETTINGS=(DOTNET_gcServer=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_TC_CallCountingDelayMs=2000
    DOTNET_EnableWriteXorExecute=0)

RESULTS_DIR="artifacts/test-results"
# The test processes' temporary files (SQLite databases, key folders, the services' scratch) go to a folder of this
# run's own, removed when the run ends, so nothing a test leaves behind outlives the run. It is in memory when there
# is room: creating and deleting files on ext4 is kernel CPU the lanes compete for (docs/decisions.md, "The suite's
# CPU, sixth step").
TEST_TMPDIR=""
EXTRA_ARGS=("$@")
FAILURES=()            # human-readable list of runs/steps that failed

log() { printf '\n==> %s\n' "$*"; }

# shellcheck disable=SC2317  # invoked from the EXIT trap
cleanup() {
    local pid
    for pid in "${lane_pids[@]+"${lane_pids[@]}"}"; do
        kill -- "$pid" 2>/dev/null || true
    done
    pg_stop_throwaway >/dev/null 2>&1 || true
    stop_compiler_server
    [[ -z "$TEST_TMPDIR" ]] || rm -rf "$TEST_TMPDIR"
}

# Stops this run's compiler server, once; a server on another pipe (another build's) is left alone.
compiler_server_running=0
stop_compiler_server() {
    (( compiler_server_running )) || return 0
    compiler_server_running=0
    local server
    server="$(dirname "$(readlink -f "$(command -v dotnet)")")/sdk/$(dotnet --version)/Roslyn/bincore/VBCSCompiler.dll"
    if [[ -f "$server" ]]; then
        dotnet exec "$server" -shutdown -pipename:"$COMPILER_SERVER" >/dev/null 2>&1 || true
    fi
}
trap 'rc=$?; cleanup; exit $rc' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- options ----
databases=()
for db in ${PAYOUT_TEST_DATABASES:-Sqlite Postgres}; do
    case "${db,,}" in
        sqlite)              databases+=(Sqlite) ;;
        postgres|postgresql) databases+=(Postgres) ;;
        *) echo "scripts/test.sh: unknown database '$db' in PAYOUT_TEST_DATABASES (use Sqlite and/or Postgres)" >&2
           exit 2 ;;
    esac
done

# A hung run is stopped by timeout(1) (the test host exits with its runner), and xunit names every test still running
# after 2 minutes (again every 2 minutes), so the log says which one hung. This replaces vstest's blame collector: a
# process of its own beside every run, about 5 s of CPU a suite. --foreground keeps the run in this script's process
# group, so Ctrl-C and the clean-up reach it as before.
test_runner=()
hang_timeout="${PAYOUT_TEST_HANG_TIMEOUT:-15m}"
if [[ -n "$hang_timeout" && "$hang_timeout" != "0" ]]; then
    test_runner=(timeout --foreground --kill-after=30s "$hang_timeout")
fi

# The caller's arguments: dotnet test options, then (after "--") run settings of their own.
test_options=()
caller_settings=()
separator_seen=0
for arg in "${EXTRA_ARGS[@]+"${EXTRA_ARGS[@]}"}"; do
    if (( separator_seen )); then
        caller_settings+=("$arg")
    elif [[ "$arg" == -- ]]; then
        separator_seen=1
    else
        test_options+=("$arg")
    fi
done
run_settings=(xUnit.LongRunningTestSeconds=120 xUnit.DiagnosticMessages=true "${caller_settings[@]+"${caller_settings[@]}"}")

# The same options with the slow tests left out: for every integration run but PostgreSQL's. A --filter the
# caller gave is kept and narrowed.
without_slow_options=()
filter_given=0
for ((i = 0; i < ${#test_options[@]}; i++)); do
    arg="${test_options[$i]}"
    if [[ "$arg" == --filter ]] && (( i + 1 < ${#test_options[@]} )); then
        i=$((i + 1))
        without_slow_options+=(--filter "(${test_options[$i]})&Category!=Slow")
        filter_given=1
    elif [[ "$arg" == --filter=* ]]; then
        without_slow_options+=("--filter=(${arg#--filter=})&Category!=Slow")
        filter_given=1
    else
        without_slow_options+=("$arg")
    fi
done
(( filter_given )) || without_slow_options+=(--filter "Category!=Slow")

# ------------------------------------------------------------ discovery ----
if [[ -f Payout.sln ]]; then
    SOLUTION=Payout.sln
elif [[ -f Payout.slnx ]]; then
    SOLUTION=Payout.slnx
else
    SOLUTION=""
fi

unit_projects=()
integration_projects=()
shopt -s nullglob
for proj in tests/*/*.csproj; do
    name="$(basename "$proj" .csproj)"
    case "$name" in
        *IntegrationTests) integration_projects+=("$proj") ;;
        *Tests)            unit_projects+=("$proj") ;;
    esac
done
shopt -u nullglob

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
temp_base="${TMPDIR:-/tmp}"
if pg_memory_dir_fits /dev/shm; then temp_base=/dev/shm; fi
TEST_TMPDIR="$(mktemp -d "$temp_base/payout-tests.XXXXXXXX")"
TEST_RUNTIME_SETTINGS+=("TMPDIR=$TEST_TMPDIR")

# ---------------------------------------------------------------- summary --
# Prints one line per TRX file and the totals line last; sets the exit status.
trx_counts() {
    # Output: "<file>\t<passed>\t<failed>\t<skipped>\t<total>" for each TRX file given.
    if command -v python3 >/dev/null 2>&1; then
        python3 - "$@" <<'PY'
import sys, os
import xml.etree.ElementTree as ET
for path in sys.argv[1:]:
    c = None
    try:
        for el in ET.parse(path).iter():
            if el.tag == "Counters" or el.tag.endswith("}Counters"):
                c = el.attrib
                break
    except ET.ParseError:
        c = None
    if c is None:
        # unreadable TRX: count it as one failure so it cannot pass silently
        print(f"{os.path.basename(path)}\t0\t1\t0\t0")
        continue
    n = lambda k: int(c.get(k, "0") or 0)
    failed = n("failed") + n("error") + n("timeout") + n("aborted")
    # xunit's skipped tests count in "total" but not in "executed" (nor in "notExecuted")
    skipped = max(n("notExecuted"), n("total") - n("executed"))
    print(f"{os.path.basename(path)}\t{n('passed')}\t{failed}\t{skipped}\t{n('total')}")
PY
    else
        local f line
        for f in "$@"; do
            line="$(grep -o '<Counters [^>]*>' "$f" | head -n 1 || true)"
            if [[ -z "$line" ]]; then
                printf '%s\t0\t1\t0\t0\n' "$(basename "$f")"
                continue
            fi
            attr() { local v; v="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$line")"; echo "${v:-0}"; }
            local skipped=$(( $(attr total) - $(attr executed) ))
            (( skipped >= $(attr notExecuted) )) || skipped=$(attr notExecuted)
            printf '%s\t%d\t%d\t%d\t%d\n' "$(basename "$f")" "$(attr passed)" \
                "$(( $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted) ))" \
                "$skipped" "$(attr total)"
        done
    fi
}

# Prints each failed test of the TRX files given, with the first lines of its message: the end of the log says which
# test failed, and why, even when the run's own output scrolled away (a CI log may keep only its tail).
trx_failed_tests() {
    command -v python3 >/dev/null 2>&1 || return 0
    python3 - "$@" <<'PY'
import sys, os
import xml.etree.ElementTree as ET
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        continue
    for result in root.iter():
        if not result.tag.endswith("UnitTestResult") or result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        message = next((el.text or "" for el in result.iter() if el.tag.endswith("Message")), "").strip()
        lines = [line[:300] for line in message.splitlines()[:8]] or [""]
        print(f"  FAILED TEST ({os.path.basename(path)}): {result.get('testName')}: {lines[0]}")
        for line in lines[1:]:
            print(f"    {line}")
PY
}

summarize_and_exit() {
    local passed=0 failed=0 skipped=0 f p x s t trx_files=()
    shopt -s nullglob
    trx_files=("$RESULTS_DIR"/*.trx)
    shopt -u nullglob

    echo
    echo "==================== test summary ===================="
    local item
    for item in "${FAILURES[@]+"${FAILURES[@]}"}"; do
        echo "  FAILED RUN: $item"
    done
    if (( ${#trx_files[@]} > 0 )); then
        while IFS=$'\t' read -r f p x s t; do
            printf '  %s: passed=%d failed=%d skipped=%d total=%d\n' "$f" "$p" "$x" "$s" "$t"
            passed=$((passed + p)); failed=$((failed + x)); skipped=$((skipped + s))
        done < <(trx_counts "${trx_files[@]}")
        trx_failed_tests "${trx_files[@]}"
    else
        echo "  (no TRX files in $RESULTS_DIR)"
    fi

    local status=0
    if (( failed > 0 || ${#FAILURES[@]} > 0 )); then status=1; fi
    if (( passed + failed == 0 )); then
        echo "  ERROR: no test was executed"
        status=1
    fi
    if (( skipped > 0 )); then
        echo "$passed passed, $failed failed, $skipped skipped"
    else
        echo "$passed passed, $failed failed"
    fi
    exit "$status"
}

if [[ -z "$SOLUTION" ]]; then
    echo "scripts/test.sh: no Payout.sln or Payout.slnx in $ROOT" >&2
    FAILURES+=("solution file not found")
    summarize_and_exit
fi
if (( ${#unit_projects[@]} + ${#integration_projects[@]} == 0 )); then
    echo "scripts/test.sh: no tests/*/*Tests.csproj found" >&2
    FAILURES+=("no test projects found")
    summarize_and_exit
fi

# --------------------------------------------------------------- postgres --
postgres_ok=0
want_postgres=0
if (( ${#integration_projects[@]} > 0 )); then
    for db in "${databases[@]+"${databases[@]}"}"; do
        if [[ "$db" == Postgres ]]; then want_postgres=1; fi
    done
fi
if (( want_postgres )); then
    log "Starting throwaway PostgreSQL"
    if pg_ensure_installed && pg_start_throwaway; then
        postgres_ok=1
        export PAYOUT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
        echo "PAYOUT_TEST_POSTGRES=$PAYOUT_TEST_POSTGRES"
    else
        FAILURES+=("PostgreSQL could not be started (Postgres integration runs skipped)")
    fi
fi

# --------------------------------------------------------------- chromium --
for proj in "${unit_projects[@]+"${unit_projects[@]}"}"; do
    if [[ "$(basename "$proj" .csproj)" == *BrowserTests ]]; then
        log "Finding Chromium for the browser tests"
        if ! chromium_ensure_installed; then
            FAILURES+=("Chromium is missing: the browser tests cannot run")
        fi
        break
    fi
done

# ------------------------------------------------------------------ build --
# Restore and build in one MSBuild run (one start-up and evaluation fewer than a separate restore).
log "dotnet build $SOLUTION -c Release"
build_ok=1
compiler_server_running=1
dotnet build "$SOLUTION" -c Release -nodeReuse:false -p:UseRazorBuildServer=false \
    -p:UseSharedCompilation=true -p:SharedCompilationId="$COMPILER_SERVER" || build_ok=0
stop_compiler_server
if (( ! build_ok )); then
    FAILURES+=("dotnet build $SOLUTION")
    summarize_and_exit
fi

# ------------------------------------------------------------------ tests --
# The runs share nothing (each integration run has its own databases, temp folders and ports), so they run side by
# side in lanes: each integration run in its own lane, the browser tests in a third, and the other projects from a
# queue the lanes share. Most of a run is waiting (on the database, the browser, a fake network), so lanes fill each
# other's gaps. A lane's output is printed when it ends. PAYOUT_TEST_LANES=1 runs everything in one lane, in turn,
# printing as it goes.
FAILED_RUNS="$RESULTS_DIR/failed-runs.txt"
: > "$FAILED_RUNS"

# run_tests <trx base name> <project> [VAR=value...]; passes the dotnet test options and the run settings in the
# arrays named by $options (default test_options) and $settings (default run_settings)
run_tests() {
    local trx_name="$1" proj="$2"
    shift 2
    local -n run_options="${options:-test_options}" settings_given="${settings:-run_settings}"
    log "dotnet test $proj${*:+ ($*)}"
    # The built assembly, not the project: the tests run the same, without an MSBuild evaluation of the project first.
    local assembly target=("$proj" -c Release --no-build)
    assembly="$(compgen -G "$(dirname "$proj")/bin/Release/*/$(basename "$proj" .csproj).dll" | head -n 1 || true)"
    [[ -z "$assembly" ]] || target=("$assembly")
    local rc=0
    env -u PAYOUT_TEST_DATABASE "${TEST_RUNTIME_SETTINGS[@]}" "$@" \
        "${test_runner[@]+"${test_runner[@]}"}" dotnet test "${target[@]}" \
        --logger "trx;LogFileName=$trx_name.trx" \
        --results-directory "$RESULTS_DIR" \
        "${run_options[@]+"${run_options[@]}"}" \
        -- "${settings_given[@]}" || rc=$?
    if (( rc != 0 )); then
        echo "$trx_name (dotnet test exit code $rc)" >> "$FAILED_RUNS"
    fi
    if [[ ! -f "$RESULTS_DIR/$trx_name.trx" ]]; then
        echo "$trx_name (no TRX file written)" >> "$FAILED_RUNS"
    fi
}

# The other projects wait in a queue that every lane takes from when its first run ends, so the lanes end together
# whichever runs longest on this machine: the soak test first (the longest of them), then the rest. The browser tests
# start the third lane.
QUEUE="$RESULTS_DIR/queue.txt"
browser_projects=()
: > "$QUEUE"
for proj in "${unit_projects[@]+"${unit_projects[@]}"}"; do
    [[ "$proj" != *SoakTests.csproj ]] || echo "$proj" >> "$QUEUE"
done
for proj in "${unit_projects[@]+"${unit_projects[@]}"}"; do
    case "$proj" in
        *SoakTests.csproj) ;;
        *BrowserTests.csproj) browser_projects+=("$proj") ;;
        *) echo "$proj" >> "$QUEUE" ;;
    esac
done

# Prints the next queued project and removes it from the queue; nothing when it is empty.
take_queued() {
    {
        flock 9
        head -n 1 "$QUEUE"
        sed -i '1d' "$QUEUE"
    } 9>"$QUEUE.lock"
}

run_queued() {
    local proj
    while proj="$(take_queued)" && [[ -n "$proj" ]]; do
        run_tests "$(basename "$proj" .csproj)" "$proj"
    done
}

browser_lane() {
    local proj
    for proj in "${browser_projects[@]+"${browser_projects[@]}"}"; do
        run_tests "$(basename "$proj" .csproj)" "$proj"
    done
    run_queued
}

# Side by side, two integration runs share the machine: each gets half the runner threads xunit.runner.json gives
# (unless the caller passes run settings of their own after "--").
integration_settings=("${run_settings[@]}")
if [[ "${PAYOUT_TEST_LANES:-}" != 1 ]] && (( ! separator_seen )); then
    integration_settings+=(xUnit.MaxParallelThreads=2)
fi

# integration_lane <project> <database>
integration_lane() {
    local proj="$1" db="$2" name
    name="$(basename "$proj" .csproj)"
    if [[ "$db" == Postgres ]] || (( ! postgres_ok )); then
        settings=integration_settings run_tests "$name.$db" "$proj" "PAYOUT_TEST_DATABASE=$db"
    else
        options=without_slow_options settings=integration_settings run_tests "$name.$db" "$proj" "PAYOUT_TEST_DATABASE=$db"
    fi
    run_queued
}

lane_pids=()
lane_logs=()
start_lane() {
    if [[ "${PAYOUT_TEST_LANES:-}" == 1 ]]; then
        "$@"
        return
    fi
    local lane_log="$RESULTS_DIR/lane-${#lane_logs[@]}.log"
    lane_logs+=("$lane_log")
    ( "$@" ) > "$lane_log" 2>&1 &
    lane_pids+=("$!")
    echo "started: $* (pid $!)"
}

log "Running the tests (lanes side by side unless PAYOUT_TEST_LANES=1)"
# The longest first: PostgreSQL's integration run (it has the crash-safety test).
for db in Postgres Sqlite; do
    [[ " ${databases[*]+"${databases[*]}"} " == *" $db "* ]] || continue
    if [[ "$db" == Postgres ]] && (( ! postgres_ok )); then
        continue
    fi
    for proj in "${integration_projects[@]+"${integration_projects[@]}"}"; do
        start_lane integration_lane "$proj" "$db"
    done
done
start_lane browser_lane

for i in "${!lane_pids[@]}"; do
    wait "${lane_pids[$i]}" || true
    cat "${lane_logs[$i]}"
done
lane_pids=()
while IFS= read -r failed; do
    FAILURES+=("$failed")
done < "$FAILED_RUNS"

# Stop PostgreSQL now (quietly) so nothing is printed after the totals line.
pg_stop_throwaway >/dev/null 2>&1 || true

summarize_and_exit
