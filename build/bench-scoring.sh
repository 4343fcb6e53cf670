#!/usr/bin/env bash
# Scoring throughput of the 40-rule sample playbook: compiled engine vs reference interpreter,
# leads/s on one pinned core and bytes allocated per lead (BenchmarkDotNet ShortRun, Release).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project tests/SalesAlign.Benchmarks -- --filter '*ScoringBenchmarks*' "$@"
