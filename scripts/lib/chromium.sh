#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/Payout.BrowserTests), which drive it with Playwright through
# its ExecutablePath: Playwright's own browser downloads are not reachable from our machines.
#
#   chromium_ensure_installed   # finds (or, as root, apt-installs) /usr/bin/chromium; exports PAYOUT_CHROMIUM
#
# Log messages go to stderr so that callers' stdout stays clean.

_chromium_log() { printf '[chromium] %s\n' "$*" >&2; }

chromium_ensure_installed() {
    local path="${PAYOUT_CHROMIUM:-/usr/bin/chromium}"
    if [[ ! -x "$path" ]]; then
        if [[ "$(id -u)" -ne 0 ]]; then
            _chromium_log "ERROR: Chromium not found at $path."
            _chromium_log "       Install it (Debian: 'sudo apt-get install -y chromium'), run as root, or set PAYOUT_CHROMIUM."
            return 1
        fi
        _chromium_log "not found; installing Debian's chromium package"
        apt-get update >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2 || return 1
        path=/usr/bin/chromium
    fi
    export PAYOUT_CHROMIUM="$path"
    _chromium_log "$("$path" --version 2>/dev/null | head -n 1)"
}
