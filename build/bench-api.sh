#!/usr/bin/env bash
# Throughput and p99 latency of GET /api/v1/t/{tenant}/playbooks/{id} (current version, signed in) against a
# bare endpoint in the same host returning a payload of the same size. Server pinned to core 0, wrk to core 1.
# Usage: build/bench-api.sh [seconds=10] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}; connections=${2:-32}; port=5099
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

work=$(mktemp -d)
trap 'kill $(cat "$work/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet publish src/SalesAlign.Api -c Release -o "$work/app" --verbosity quiet >/dev/null
ConnectionStrings__SalesAlign="Data Source=$work/bench.db" Benchmark__BareEndpoint=true ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production Demo__Seed=true \
  taskset -c 0 dotnet "$work/app/SalesAlign.Api.dll" > "$work/server.log" 2>&1 &
echo $! > "$work/pid"
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && break; sleep 1; done

token=$(curl -s "http://127.0.0.1:$port/connect/token" -d grant_type=password -d client_id=salesalign-cli \
  -d username=maria@acme.example -d 'password=Align-Demo-2026!' -d scope=api | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
playbook=$(curl -s "http://127.0.0.1:$port/api/v1/t/acme/playbooks" -H "Authorization: Bearer $token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
url="http://127.0.0.1:$port/api/v1/t/acme/playbooks/$playbook"
size=$(curl -s "$url" -H "Authorization: Bearer $token" | wc -c)
bare="http://127.0.0.1:$port/bench/bare?size=$size"

run() { # name url [auth] [etag]
  local args=(-t1 -c"$connections" -d"${duration}s" --latency)
  [ -n "${3:-}" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "${4:-}" ] && args+=(-H "If-None-Match: $4")
  taskset -c 1 wrk "${args[@]}" "$2" -d2s >/dev/null 2>&1 || true   # warm-up
  taskset -c 1 wrk "${args[@]}" "$2" > "$work/$1.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.txt")
  printf '%-28s %12s req/s   p99 %8s\n' "$1" "$rps" "$p99"
  echo "$rps" > "$work/$1.rps"
}

echo "payload: $size bytes; $connections connections, ${duration}s each; server on core 0, wrk on core 1"
etag=$(curl -sI "$url" -H "Authorization: Bearer $token" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')
run "bare, anonymous" "$bare"
run "bare, signed in" "http://127.0.0.1:$port/bench/bare-signed-in?size=$size" auth
run "GET playbook" "$url" auth
run "GET playbook, If-None-Match" "$url" auth "$etag"
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
rps = lambda name: float(open(f"{work}/{name}.rps").read())
ours = rps("GET playbook")
print(f"GET playbook vs bare signed in: {ours / rps('bare, signed in'):.1%} (goal >= 70%)")
print(f"GET playbook vs bare anonymous: {ours / rps('bare, anonymous'):.1%}")
print(f"conditional GET (304) vs bare signed in: {rps('GET playbook, If-None-Match') / rps('bare, signed in'):.1%}")
PY
