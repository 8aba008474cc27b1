#!/usr/bin/env bash
# A ChainPos cluster on one machine: silo processes (role AllInOne: silo + gRPC gateway) clustered through one
# PostgreSQL, everything on 127.0.0.1. What tests/ChainPos.Operations.Tests/MultiSiloProcessTests.cs checks
# automatically, for a person to watch. See docs/operations.md, "A cluster on one machine".
#
#   k8s/local-cluster.sh up [N]     build, start PostgreSQL (unless CHAINPOS_PG is set) and N silos (default 3)
#   k8s/local-cluster.sh status     the silos: pid, ports, /readyz, and the membership table
#   k8s/local-cluster.sh stop K     stop silo K with SIGTERM, as Kubernetes does (it leaves the cluster gracefully)
#   k8s/local-cluster.sh kill K     kill silo K with SIGKILL (a crash: the others vote it dead)
#   k8s/local-cluster.sh start K    start silo K (again, or a new K) and wait until it is ready
#   k8s/local-cluster.sh load [S]   S seconds (default 30) of checkout load against silo 1 (chainpos-load)
#   k8s/local-cluster.sh demo       up 3, then load for 40 s while silo 2 leaves (SIGTERM) and silo 4 joins
#   k8s/local-cluster.sh down       stop every silo and the PostgreSQL this script started
#
# Silo K listens on gRPC B+2(K-1), HTTP B+1+2(K-1) (metrics, health, Orleans Dashboard at /ops/orleans/) with
# B = CHAINPOS_PORT_BASE (default 5080), silo-to-silo 11110+K, gateway 29999+K (CHAINPOS_SILO_PORT_BASE,
# CHAINPOS_GATEWAY_PORT_BASE move them). State, logs and the demo credentials live in CHAINPOS_LOCAL_DIR
# (default /tmp/chainpos-local). CHAINPOS_PG: an existing PostgreSQL connection string to use instead.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
state="${CHAINPOS_LOCAL_DIR:-/tmp/chainpos-local}"
bin="$repo/src/ChainPos.Silo/bin/Release/net10.0/chainpos.dll"
load_bin="$repo/src/ChainPos.LoadGen/bin/Release/net10.0/chainpos-load.dll"
base="${CHAINPOS_PORT_BASE:-5080}"
silo_base="${CHAINPOS_SILO_PORT_BASE:-11111}"
gateway_base="${CHAINPOS_GATEWAY_PORT_BASE:-30000}"
mkdir -p "$state/data" "$state/logs"

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$dir" ] || { echo "No PostgreSQL server binaries (apt-get install postgresql), or set CHAINPOS_PG." >&2; exit 1; }
  echo "$dir"
}

connection_string() {
  if [ -n "${CHAINPOS_PG:-}" ]; then echo "$CHAINPOS_PG"; return; fi
  # Each silo keeps one Npgsql pool; 60 connections each stays well inside max_connections=400.
  echo "Host=127.0.0.1;Port=$(cat "$state/pg.port");Username=postgres;Database=chainpos;Maximum Pool Size=60"
}

start_postgres() {
  [ -n "${CHAINPOS_PG:-}" ] && return
  if [ -f "$state/pg/data/postmaster.pid" ] && kill -0 "$(head -1 "$state/pg/data/postmaster.pid")" 2>/dev/null; then return; fi
  local pgbin port
  pgbin="$(pg_bin)"
  port=55432
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port" >"$state/pg.port"
  if [ ! -d "$state/pg/data" ]; then
    mkdir -p "$state/pg/sock"
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$state/pg"
    as_postgres "$pgbin/initdb" -D "$state/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-instructions >/dev/null
  fi
  as_postgres "$pgbin/pg_ctl" -D "$state/pg/data" -l "$state/pg/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$state/pg/sock -c max_connections=400" start >/dev/null
  as_postgres "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='chainpos'" | grep -q 1 \
    || as_postgres "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U postgres chainpos
  echo "PostgreSQL on 127.0.0.1:$port (data in $state/pg/data)"
}

build() {
  echo "==> dotnet build (Release): chainpos and chainpos-load"
  dotnet build "$repo/src/ChainPos.Silo/ChainPos.Silo.csproj" -c Release -nologo -clp:ErrorsOnly >/dev/null
  dotnet build "$repo/src/ChainPos.LoadGen/ChainPos.LoadGen.csproj" -c Release -nologo -clp:ErrorsOnly >/dev/null
}

grpc_port() { echo $((base + 2 * ($1 - 1))); }
http_port() { echo $((base + 1 + 2 * ($1 - 1))); }

start_silo() {
  local k="$1" log="$state/logs/silo-$1.log"
  if [ -f "$state/silo-$k.pid" ] && kill -0 "$(cat "$state/silo-$k.pid")" 2>/dev/null; then echo "silo-$k is running"; return; fi
  local grpc http
  grpc="$(grpc_port "$k")"; http="$(http_port "$k")"
  # All silos share the working directory, so --demo's credentials file (data/demo-credentials.json) is one.
  (cd "$state" && exec env \
      ChainPos__Role=AllInOne \
      ChainPos__Storage__Provider=Postgres \
      "ChainPos__Storage__PostgresConnectionString=$(connection_string)" \
      ChainPos__AdvertisedAddress=127.0.0.1 \
      ChainPos__SiloName="silo-$k" \
      ChainPos__SiloPort=$((silo_base + k - 1)) \
      ChainPos__GatewayPort=$((gateway_base + k - 1)) \
      ChainPos__GrpcPort="$grpc" \
      ChainPos__HttpPort="$http" \
      ChainPos__Dashboard__Enabled=true \
      dotnet "$bin" --demo >"$log" 2>&1) &
  echo $! >"$state/silo-$k.pid"
  printf 'silo-%s: pid %s, gRPC http://127.0.0.1:%s, HTTP http://127.0.0.1:%s, log %s\n' "$k" "$!" "$grpc" "$http" "$log"
  wait_ready "$k"
}

wait_ready() {
  local k="$1" http pid
  http="$(http_port "$1")"
  pid="$(cat "$state/silo-$k.pid")"
  for _ in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$http/readyz" >/dev/null 2>&1; then echo "silo-$k ready"; return; fi
    kill -0 "$pid" 2>/dev/null || { echo "silo-$k exited; see $state/logs/silo-$k.log" >&2; tail -20 "$state/logs/silo-$k.log" >&2; exit 1; }
    sleep 1
  done
  echo "silo-$k not ready after 180 s; see $state/logs/silo-$k.log" >&2
  exit 1
}

wait_seeded() {
  for _ in $(seq 1 300); do
    grep -q -E "Seeded|already seeded" "$state/logs/silo-1.log" 2>/dev/null && return
    sleep 1
  done
  echo "The demo chain was not seeded after 300 s; see $state/logs/silo-1.log" >&2
  exit 1
}

signal_silo() {
  local k="$1" signal="$2" pid
  pid="$(cat "$state/silo-$k.pid" 2>/dev/null || true)"
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then echo "silo-$k is not running"; return; fi
  kill "-$signal" "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$state/silo-$k.pid"
  echo "silo-$k stopped ($signal)"
}

status() {
  for f in "$state"/silo-*.pid; do
    [ -e "$f" ] || continue
    local k pid http ready
    k="$(basename "$f" .pid)"; k="${k#silo-}"; pid="$(cat "$f")"; http="$(http_port "$k")"
    ready="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/readyz" || true)"
    printf 'silo-%s pid %s readyz %s\n' "$k" "$pid" "$ready"
  done
  if [ -z "${CHAINPOS_PG:-}" ] && [ -f "$state/pg.port" ]; then
    as_postgres "$(pg_bin)/psql" -h 127.0.0.1 -p "$(cat "$state/pg.port")" -U postgres -d chainpos -c \
      "SELECT silo_name, address, port, CASE status WHEN 3 THEN 'Active' WHEN 6 THEN 'Dead' WHEN 2 THEN 'Joining' ELSE status::text END AS status, i_am_alive_time FROM pos_cluster_member ORDER BY silo_name, start_time"
  fi
}

load() {
  dotnet "$load_bin" checkout --target "http://127.0.0.1:$(grpc_port 1)" --credentials "$state/data/demo-credentials.json" \
    --seconds "${1:-30}" --concurrency 16 --registers 16
}

case "${1:-help}" in
  up)
    build; start_postgres
    start_silo 1; wait_seeded
    for k in $(seq 2 "${2:-3}"); do start_silo "$k"; done
    echo "Admin secret: $(sed -n 's/.*"Admin": *"\([^"]*\)".*/\1/p' "$state/data/demo-credentials.json")"
    echo "Dashboard: http://127.0.0.1:$(http_port 1)/ops/orleans/ (any user name, the admin secret as password)" ;;
  status) status ;;
  stop) signal_silo "${2:?silo number}" TERM ;;
  kill) signal_silo "${2:?silo number}" KILL ;;
  start) start_silo "${2:?silo number}" ;;
  load) load "${2:-30}" ;;
  demo)
    "$0" up 3
    load 40 & load_pid=$!
    sleep 10; signal_silo 2 TERM
    start_silo 4
    wait "$load_pid" && echo "Load finished without errors." || echo "The load reported errors (see above)."
    status ;;
  down)
    for f in "$state"/silo-*.pid; do [ -e "$f" ] || continue; k="$(basename "$f" .pid)"; signal_silo "${k#silo-}" TERM; done
    if [ -z "${CHAINPOS_PG:-}" ] && [ -f "$state/pg/data/postmaster.pid" ]; then
      as_postgres "$(pg_bin)/pg_ctl" -D "$state/pg/data" -m fast stop >/dev/null && echo "PostgreSQL stopped (data kept in $state/pg)"
    fi ;;
  *) sed -n '2,18p' "$0"; exit 1 ;;
esac
