#!/usr/bin/env bash
# Runs the benchmarks of the hot paths (pricing, ledger, card rules and crypto) in Release.
# Results (reports and logs) are written to artifacts/benchmarks.
# Usage: scripts/bench.sh [BenchmarkDotNet args], e.g. scripts/bench.sh --job short --filter '*Price*'
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
[[ ${#args[@]} -eq 0 ]] && args=(--filter '*' --job short)
dotnet run -c Release --project bench/Payout.Benchmarks -- "${args[@]}"
