#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/Payout.BrowserTests), which drive it with Playwright through
# its ExecutablePath: Playwright's own browser downloads are not reachable from our machines.
#
#   chromium_ensure_installed   # finds (or, as root, apt-installs) a Chromium; exports PAYOUT_CHROMIUM
#
# The tests want chromium-headless-shell (Debian's package of Chromium's "old headless" shell, the build Playwright
# itself runs headless tests on): the same Blink, without the full browser's UI processes, for about 40 % less CPU.
# PAYOUT_CHROMIUM wins when set; without the shell and without root, the full browser (/usr/bin/chromium) is used.
#
# Log messages go to stderr so that callers' stdout stays clean.

_chromium_log() { printf '[chromium] %s\n' "$*" >&2; }

CHROMIUM_SHELL=/usr/bin/chromium-headless-shell
CHROMIUM_FULL=/usr/bin/chromium

chromium_ensure_installed() {
    local path="${PAYOUT_CHROMIUM:-}"
    if [[ -z "$path" ]]; then
        if [[ ! -x "$CHROMIUM_SHELL" && "$(id -u)" -eq 0 ]]; then
            _chromium_log "no $CHROMIUM_SHELL; installing Debian's chromium-headless-shell package"
            { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-headless-shell; } >&2 \
                || _chromium_log "could not install chromium-headless-shell"
        fi
        if [[ -x "$CHROMIUM_SHELL" ]]; then
            path="$CHROMIUM_SHELL"
        else
            path="$CHROMIUM_FULL"
        fi
    fi
    if [[ ! -x "$path" ]]; then
        _chromium_log "ERROR: Chromium not found at $path."
        _chromium_log "       Install it (Debian: 'sudo apt-get install -y chromium-headless-shell'), run as root, or set PAYOUT_CHROMIUM."
        return 1
    fi
    export PAYOUT_CHROMIUM="$path"
    _chromium_log "$path: $("$path" --version 2>/dev/null | head -n 1)"
}
