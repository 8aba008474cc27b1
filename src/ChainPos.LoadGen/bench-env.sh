# Sourced by side-by-side.sh and cost.sh (bash, from the repo root): the benchmark set-up they share. Builds the node
# and the load generator (Release), starts a PostgreSQL of Debian's binaries in a temp folder, starts the ChainPos
# node on it by PID on its own ports, and stops both on exit.
# Needs: ROOT (repo root), PGPORT, GRPC_PORT; GROUP_COMMIT and NODE_ARGS are optional. Sets: PGBIN, DIR, CS, PSQL,
# HTTP_PORT, LOAD, NODE_PID, and the data-set size SIZE for a scale (small | medium | large).

bench_size() {
  case "$1" in
    small)  SIZE="--stores 10 --registers 4 --skus 2000 --customers 500 --giftcards 500";;
    medium) SIZE="--stores 50 --registers 4 --skus 5000 --customers 5000 --giftcards 2000";;
    large)  SIZE="--stores 200 --registers 10 --skus 10000 --customers 20000 --giftcards 5000";;
    *) echo "scale must be small, medium or large" >&2; exit 2;;
  esac
}

# bench_start_postgres <temp-folder prefix> <database>...
bench_start_postgres() {
  local prefix=$1; shift
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  DIR=$(mktemp -d "/tmp/$prefix-XXXX"); chown postgres "$DIR"
  NODE_PID=""
  trap bench_cleanup EXIT
  for p in src/ChainPos.Silo src/ChainPos.LoadGen; do dotnet build -c Release "$p" -nologo -clp:ErrorsOnly; done
  LOAD="$ROOT/src/ChainPos.LoadGen/bin/Release/net10.0/chainpos-load"
  runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -o "-p $PGPORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300" -l "$DIR/pg.log" -w start >/dev/null
  PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres)
  local db
  for db in "$@"; do "${PSQL[@]}" -qc "CREATE DATABASE $db"; done
  CS="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Maximum Pool Size=100"
}

# The node: silo + gateway on database chainpos, demo credentials ($DIR/node/data/demo-credentials.json), own ports;
# returns once it is healthy and seeded.
bench_start_node() {
  HTTP_PORT=$((GRPC_PORT + 1))
  mkdir -p "$DIR/node"
  (cd "$DIR/node" && exec env ${NODE_ENV:-} "$ROOT/src/ChainPos.Silo/bin/Release/net10.0/chainpos" --demo --ChainPos:Storage:Provider=Postgres \
     "--ChainPos:Storage:PostgresConnectionString=$CS;Database=chainpos" --ChainPos:Storage:GroupCommit="${GROUP_COMMIT:-true}" \
     --ChainPos:GrpcPort="$GRPC_PORT" --ChainPos:HttpPort="$HTTP_PORT" --ChainPos:SiloPort=$((GRPC_PORT + 6031)) \
     --ChainPos:GatewayPort=$((GRPC_PORT + 25020)) ${NODE_ARGS:-} > "$DIR/node.log" 2>&1) &
  NODE_PID=$!
  for _ in $(seq 1 120); do
    if grep -q -E "Seeded|already seeded" "$DIR/node.log" && curl -sf "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null; then return 0; fi
    kill -0 "$NODE_PID" 2>/dev/null || { echo "node exited; log:" >&2; tail -30 "$DIR/node.log" >&2; exit 1; }
    sleep 2
  done
  echo "node not healthy and seeded after 4 minutes; log:" >&2; tail -30 "$DIR/node.log" >&2; exit 1
}

bench_stop_node() { if [ -n "$NODE_PID" ]; then kill "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; NODE_PID=""; fi; }

bench_cleanup() {
  bench_stop_node
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null || true
  rm -rf "$DIR"
}
