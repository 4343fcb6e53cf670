#!/usr/bin/env bash
# Runs every test of SalesAlign on a fresh machine: installs what is missing, builds, tests, and closes
# with one line "N passed, N failed". Exit code is non-zero when anything fails or no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export SALESALIGN_TEST_RUN=1   # tests that need a service fail (never skip) when this is set

log() { printf '\n== %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK is missing: install .NET SDK 10 (see global.json)." >&2
  exit 1
fi

source "$root/build/services.sh"
log "services"
start_postgres
start_redis

# The browser tests drive Debian's Chromium through Playwright's bundled driver (never `playwright install`).
if [ ! -x /usr/bin/chromium ]; then
  log "browser (apt-get install chromium)"
  apt_update_once
  $(sudo_if_needed) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || echo "chromium could not be installed: the browser tests will fail (they never skip under this script)" >&2
fi

log "restore and build"
dotnet restore SalesAlign.sln --verbosity quiet
dotnet build SalesAlign.sln --no-restore --configuration Release --verbosity quiet -p:TreatWarningsAsErrors=true

log "tests"
results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0
dotnet test SalesAlign.sln --no-build --configuration Release --logger "trx" --results-directory "$results" \
  2>&1 | tee "$results/console.log" || status=$?

passed=$(grep -hoE 'Passed: +[0-9]+' "$results/console.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -hoE 'Failed: +[0-9]+' "$results/console.log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -hoE 'Skipped: +[0-9]+' "$results/console.log" | awk '{s+=$2} END {print s+0}')

echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$skipped" -ne 0 ]; then
  echo "FAILED (exit $status; a skipped test counts as a failure here)" >&2
  exit 1
fi
