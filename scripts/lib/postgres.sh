# shellcheck shell=bash
# Throwaway PostgreSQL cluster for the test suite.
#
# Source this file, then:
#   pg_ensure_installed        # finds (or, as root, apt-installs) the server binaries
#   pg_start_throwaway         # initdb + start in a fresh temp dir (in memory under /dev/shm when it has room);
#                              # sets PG_PORT, PG_TMPDIR
#   pg_start_throwaway --durable -c shared_preload_libraries=pg_stat_statements
#                              # the same for measurements: fsync, synchronous_commit and
#                              # full_page_writes on (the defaults of a real server), plus
#                              # any server settings given with -c name=value
#   pg_stop_throwaway          # immediate stop + remove the temp dir (safe to call twice)
#   pg_crash_throwaway         # stop -m immediate, keeping the data (a crash; for the soak test)
#   pg_resume_throwaway        # start it again on the same port with the same settings
# (pg_crash/resume also work from another shell: set PG_BINDIR, PG_TMPDIR and PG_PORT first.)
#
# The cluster trusts every local/127.0.0.1 connection, its superuser is "postgres",
# it listens on 127.0.0.1 only, on a free port (never the distro default 5432 cluster),
# and its Unix socket lives inside the temp dir. Durability is switched off for speed
# unless --durable is given (load tests must measure commits as a real server makes them).
# Log messages go to stderr so that callers' stdout stays clean.

PG_BINDIR="${PG_BINDIR:-}"
PG_TMPDIR="${PG_TMPDIR:-}"
PG_PORT="${PG_PORT:-}"
PG_RUN_AS=""   # OS user the server runs as when we are root ("" = current user)

_pg_log() { printf '[postgres] %s\n' "$*" >&2; }

# Highest-versioned /usr/lib/postgresql/<v>/bin directory that has initdb, or nothing.
pg_find_bindir() {
    local best="" best_ver=-1 d ver
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] || continue
        ver="${d#/usr/lib/postgresql/}"
        ver="${ver%/bin}"
        ver="${ver%%.*}"
        [[ "$ver" =~ ^[0-9]+$ ]] || continue
        if (( ver > best_ver )); then
            best_ver=$ver
            best=$d
        fi
    done
    [[ -n "$best" ]] && printf '%s\n' "$best"
    return 0
}

pg_ensure_installed() {
    PG_BINDIR="$(pg_find_bindir)"
    if [[ -z "$PG_BINDIR" ]]; then
        if [[ "$(id -u)" -ne 0 ]]; then
            _pg_log "ERROR: PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb)."
            _pg_log "       Install them (Debian: 'sudo apt-get install -y postgresql'), or run as root,"
            _pg_log "       or set PAYOUT_TEST_DATABASES=Sqlite to skip the PostgreSQL runs."
            return 1
        fi
        _pg_log "server binaries not found; installing Debian's postgresql package"
        apt-get update >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confold postgresql >&2
        PG_BINDIR="$(pg_find_bindir)"
        if [[ -z "$PG_BINDIR" ]]; then
            _pg_log "ERROR: installed postgresql but still no /usr/lib/postgresql/*/bin/initdb"
            return 1
        fi
    fi
    _pg_log "using server binaries in $PG_BINDIR"
}

# Run a command as the server's OS user, from inside the temp dir (the postgres user
# may not be able to read the caller's working directory).
_pg_as_owner() {
    if [[ -n "$PG_RUN_AS" ]]; then
        (cd "$PG_TMPDIR" && runuser -u "$PG_RUN_AS" -- "$@")
    else
        (cd "$PG_TMPDIR" && "$@")
    fi
}

_pg_port_in_use() {
    # A successful TCP connect means something listens there.
    timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

_pg_free_port() {
    local p=$1
    while (( p < 65000 )); do
        if ! _pg_port_in_use "$p"; then
            printf '%s\n' "$p"
            return 0
        fi
        p=$((p + 1))
    done
    return 1
}

# True when <dir> is an in-memory file system (tmpfs) that anyone may create in (sticky, like /tmp) with at least
# 2 GiB free: room for a test run's databases.
pg_memory_dir_fits() {
    local dir="$1" free_kib
    [[ -d "$dir" && -w "$dir" && -k "$dir" && "$(stat -f -c %T "$dir" 2>/dev/null)" == tmpfs ]] || return 1
    free_kib="$(df --output=avail -k "$dir" 2>/dev/null | tail -n 1)"
    [[ "$free_kib" =~ ^[0-9]+$ ]] && (( free_kib >= 2 * 1024 * 1024 ))
}

pg_start_throwaway() {
    local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off" settings=""
    while (( $# > 0 )); do
        case "$1" in
            --durable) durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on" ;;
            -c)        settings+=" -c $2"; shift ;;
            *)         _pg_log "ERROR: pg_start_throwaway: unknown argument '$1'"; return 1 ;;
        esac
        shift
    done
    [[ -n "$PG_BINDIR" ]] || pg_ensure_installed

    # As root the server runs as "postgres", which must be able to reach the dir: use /tmp.
    local base="${TMPDIR:-/tmp}"
    [[ "$(id -u)" -eq 0 ]] && base=/tmp
    # A cluster that need not survive a crash of the machine lives in memory when there is room: every test database
    # is a copy of its template's several hundred files, and on ext4 creating those inodes was about 40 % of the server's
    # CPU in an integration run (docs/decisions.md, "The suite's CPU, sixth step").
    if [[ "$durability" == *fsync=off* ]] && pg_memory_dir_fits /dev/shm; then
        base=/dev/shm
    fi
    PG_TMPDIR="$(mktemp -d "$base/payout-pg.XXXXXXXX")"
    mkdir -p "$PG_TMPDIR/data" "$PG_TMPDIR/sock"
    chmod 700 "$PG_TMPDIR/data"

    if [[ "$(id -u)" -eq 0 ]]; then
        PG_RUN_AS=postgres
        if ! getent passwd postgres >/dev/null; then
            _pg_log "creating system user 'postgres'"
            useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
        fi
        chown -R postgres: "$PG_TMPDIR"
        # mktemp's parent (e.g. /tmp) must be traversable by postgres; it normally is.
    fi

    _pg_log "initdb in $PG_TMPDIR/data${PG_RUN_AS:+ (as $PG_RUN_AS)}"
    if ! _pg_as_owner "$PG_BINDIR/initdb" -D "$PG_TMPDIR/data" -U postgres \
            --auth=trust -E UTF8 --locale=C >"$PG_TMPDIR/initdb.log" 2>&1; then
        _pg_log "ERROR: initdb failed:"
        cat "$PG_TMPDIR/initdb.log" >&2
        return 1
    fi

    local attempt port=54329
    for attempt in 1 2 3 4 5; do
        port="$(_pg_free_port "$port")" || { _pg_log "ERROR: no free TCP port"; return 1; }
        _pg_log "starting on 127.0.0.1:$port (attempt $attempt)"
        if _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMPDIR/data" -l "$PG_TMPDIR/server.log" \
                -o "-p $port -k $PG_TMPDIR/sock -c listen_addresses=127.0.0.1 -c max_connections=300 $durability$settings" \
                -w -t 60 start >/dev/null 2>&1; then
            PG_PORT=$port
            printf '%s\n' "$durability$settings" >"$PG_TMPDIR/settings"
            _pg_log "ready on 127.0.0.1:$PG_PORT"
            return 0
        fi
        # Most likely lost a race for the port; try the next one.
        _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMPDIR/data" -m immediate stop >/dev/null 2>&1 || true
        port=$((port + 1))
    done
    _pg_log "ERROR: could not start PostgreSQL; server log:"
    cat "$PG_TMPDIR/server.log" >&2 2>/dev/null || true
    return 1
}

# Quiet and idempotent: safe from an EXIT trap, prints nothing on stdout.
pg_stop_throwaway() {
    [[ -n "$PG_TMPDIR" ]] || return 0
    if [[ -d "$PG_TMPDIR/data" && -n "$PG_BINDIR" && -f "$PG_TMPDIR/data/postmaster.pid" ]]; then
        _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMPDIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
        # Belt and braces: if the postmaster is still there, kill it.
        if [[ -f "$PG_TMPDIR/data/postmaster.pid" ]]; then
            local pid
            pid="$(head -n 1 "$PG_TMPDIR/data/postmaster.pid" 2>/dev/null || true)"
            if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
                kill -QUIT "$pid" 2>/dev/null || true
                sleep 1
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf "$PG_TMPDIR"
    PG_TMPDIR=""
    PG_PORT=""
}

# The server's OS user when another shell calls (PG_RUN_AS is set by pg_start_throwaway only).
_pg_owner_again() {
    if [[ "$(id -u)" -eq 0 ]]; then PG_RUN_AS=postgres; fi
}

pg_crash_throwaway() {
    _pg_owner_again
    _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMPDIR/data" -m immediate -w -t 30 stop >/dev/null
}

pg_resume_throwaway() {
    _pg_owner_again
    _pg_as_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMPDIR/data" -l "$PG_TMPDIR/server.log" \
        -o "-p $PG_PORT -k $PG_TMPDIR/sock -c listen_addresses=127.0.0.1 -c max_connections=300 $(cat "$PG_TMPDIR/settings")" \
        -w -t 60 start >/dev/null
}
