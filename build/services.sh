# Sourced by build/test.sh: starts the real services the tests need as plain processes (no systemd, no
# Docker) and stops them on exit. Exports the connection strings the tests read.

# PostgreSQL: initdb and pg_ctl refuse to run as root, so as root they run as the postgres user, with every
# path they write (data dir, socket dir, log) owned by it. CI runners are not root: there they run as is.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
    log "installing postgresql"
    apt_update_once
    $(sudo_if_needed) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  local started
  started=$(date +%s.%N)
  pg_dir=$(mktemp -d /tmp/salesalign-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg_dir"; fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  local password
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  as_pg "$bin/initdb" -D "$pg_dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --no-sync -E UTF8 >/dev/null
  # fsync off: a test cluster that dies is thrown away anyway, and it halves start and test time.
  as_pg "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w -s \
    -o "-k $pg_dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start
  trap stop_services EXIT
  # Two logins, as in production: the owner migrates (and may create the per-fixture databases); the app
  # role is neither owner nor BYPASSRLS, so row-level security binds it.
  as_pg "$bin/psql" -h "$pg_dir" -p "$port" -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE salesalign_owner LOGIN CREATEDB PASSWORD '$password'" \
    -c "CREATE ROLE salesalign_runtime NOLOGIN" \
    -c "CREATE ROLE salesalign_app LOGIN NOBYPASSRLS IN ROLE salesalign_runtime PASSWORD '$password'" \
    -c "CREATE DATABASE salesalign_test OWNER salesalign_owner" >/dev/null
  export SALESALIGN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=salesalign_app;Password=$password;Database=salesalign_test"
  export SALESALIGN_TEST_POSTGRES_OWNER="Host=127.0.0.1;Port=$port;Username=salesalign_owner;Password=$password;Database=salesalign_test"
  pg_bin=$bin
  printf 'postgresql started on 127.0.0.1:%s in %.2f s\n' "$port" "$(echo "$(date +%s.%N) - $started" | bc -l 2>/dev/null || echo 0)"
}

stop_postgres() {
  if [ -n "${pg_dir:-}" ] && [ -d "$pg_dir/data" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -s -w stop || true
    rm -rf "$pg_dir" 2>/dev/null || true
  fi
}

# Redis, for the SignalR backplane test (two API instances on loopback). No persistence: --save "".
start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    log "installing redis-server"
    apt_update_once
    $(sudo_if_needed) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  redis_dir=$(mktemp -d /tmp/salesalign-redis.XXXXXX)
  redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
  # Daemonized: wait until it answers before the tests use it.
  for _ in $(seq 1 50); do
    if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then break; fi
    sleep 0.1
  done
  trap stop_services EXIT
  export SALESALIGN_TEST_REDIS="127.0.0.1:$port"
  echo "redis started on 127.0.0.1:$port"
}

stop_redis() {
  if [ -n "${redis_dir:-}" ] && [ -f "$redis_dir/redis.pid" ]; then
    local pid
    pid=$(cat "$redis_dir/redis.pid" 2>/dev/null || true)
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || true
      # Redis writes its log while it shuts down: wait for it, so the directory is not removed under it.
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$redis_dir" 2>/dev/null || true
  fi
}

# Cleanup never decides the run's result: a leftover temp directory is not a failed test.
stop_services() {
  stop_redis || true
  stop_postgres || true
}

apt_update_once() {
  if [ -z "${apt_updated:-}" ]; then
    $(sudo_if_needed) apt-get update -qq >/dev/null
    apt_updated=1
  fi
}

sudo_if_needed() {
  if [ "$(id -u)" -ne 0 ]; then echo sudo; fi
}
