#!/usr/bin/env bash
# Live updates at scale: connects N SignalR clients (WebSockets, signed in, JoinTenant acme) to the API in Release
# on loopback (SQLite, demo data), then alternates a bare hub broadcast with a real change through HTTP (a comment,
# committed with its outbox event and dispatched to the hub), and reports commit-to-receipt latency at every client
# (p50, p99, max) and the server's memory per connection. Server pinned to core 0, driver to core 1.
# Usage: build/bench-live.sh [clients=1000] [rounds=50]
#   WAKE_ON_COMMIT=false build/bench-live.sh   measures the dispatcher polling alone (Outbox:PollInterval 200 ms)
#   APP_DIR=<dir> build/bench-live.sh           reuses an API already published there (Release) instead of publishing
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-1000}; rounds=${2:-50}; port=5098

work=$(mktemp -d)
trap 'kill $(cat "$work/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
app=${APP_DIR:-$work/app}
[ -n "${APP_DIR:-}" ] || dotnet publish src/SalesAlign.Api -c Release -o "$app" --verbosity quiet >/dev/null
dotnet build tests/SalesAlign.LiveBench -c Release --verbosity quiet >/dev/null
ConnectionStrings__SalesAlign="Data Source=$work/bench.db" Benchmark__BareEndpoint=true ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Outbox__WakeOnCommit="${WAKE_ON_COMMIT:-true}" Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production Demo__Seed=true \
  taskset -c 0 dotnet "$app/SalesAlign.Api.dll" > "$work/server.log" 2>&1 &
echo $! > "$work/pid"
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 1; done

echo "clients: $clients, rounds: $rounds, Outbox:WakeOnCommit=${WAKE_ON_COMMIT:-true}; server on core 0, driver on core 1"
# The machine may be shared: say how busy it was, since other work on these 2 cores moves every figure.
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
taskset -c 1 dotnet tests/SalesAlign.LiveBench/bin/Release/net10.0/SalesAlign.LiveBench.dll "http://127.0.0.1:$port" "$clients" "$rounds" acme
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
