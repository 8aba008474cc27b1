#!/usr/bin/env bash
# Every benchmark scenario, ChainPos and the central-database baseline side by side in one sitting, against
# one PostgreSQL started here in a temp folder (Debian binaries; run as root on a dev/CI machine of this
# project's kind). It starts the ChainPos node itself (by PID, on its own ports), runs
#   chainday (ChainPos, then the baseline), flash (both), floor, catalog-sync
# writes each scenario's JSON to $OUT and draws the latency plots into docs/images/ (gnuplot).
#
# Usage: bash src/ChainPos.LoadGen/side-by-side.sh [seconds] [scale]
#   seconds  per measured run (default 20)
#   scale    small | medium | large  (data set size, see docs/benchmarks.md; default small)
# Environment: OUT (results folder, default /tmp/chainpos-bench), PGPORT (default 55491),
#   GRPC_PORT (5380), GROUP_COMMIT (ChainPos:Storage:GroupCommit, default true), CONCURRENCY (32),
#   SCENARIOS (default "chainday flash floor catalog-sync"), LABEL (added to the plot titles, e.g. "quiet machine"),
#   WARMUP (seconds of the chain-day mix each system runs unmeasured before its measured chain day, default 5),
#   NODE_ARGS (extra node options for an A/B run, e.g. "--ChainPos:Checkout:EffectWriteWindow=00:00:00").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SECONDS_PER_RUN=${1:-20}; SCALE=${2:-small}
OUT=${OUT:-/tmp/chainpos-bench}; PGPORT=${PGPORT:-55491}; GRPC_PORT=${GRPC_PORT:-5380}; HTTP_PORT=$((GRPC_PORT + 1))
GROUP_COMMIT=${GROUP_COMMIT:-true}; CONCURRENCY=${CONCURRENCY:-32}; WARMUP=${WARMUP:-5}
SCENARIOS=${SCENARIOS:-"chainday flash floor catalog-sync"}
case "$SCALE" in
  small)  SIZE="--stores 10 --registers 4 --skus 2000 --customers 500 --giftcards 500";;
  medium) SIZE="--stores 50 --registers 4 --skus 5000 --customers 5000 --giftcards 2000";;
  large)  SIZE="--stores 200 --registers 10 --skus 10000 --customers 20000 --giftcards 5000";;
  *) echo "scale must be small, medium or large" >&2; exit 2;;
esac
mkdir -p "$OUT"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/chainpos-sbs-XXXX); chown postgres "$DIR"
NODE_PID=""

for p in src/ChainPos.Silo src/ChainPos.LoadGen; do dotnet build -c Release "$p" -nologo -clp:ErrorsOnly; done
runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -o "-p $PGPORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300" -l "$DIR/pg.log" -w start >/dev/null
stop_node() { if [ -n "$NODE_PID" ]; then kill "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; NODE_PID=""; fi; }
cleanup() { stop_node; runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE chainpos" -c "CREATE DATABASE baseline"
CS="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Maximum Pool Size=100"
LOAD="$ROOT/src/ChainPos.LoadGen/bin/Release/net10.0/chainpos-load"
TARGET="http://127.0.0.1:$GRPC_PORT"
COMMON="--target $TARGET --credentials $DIR/node/data/demo-credentials.json --concurrency $CONCURRENCY --seconds $SECONDS_PER_RUN"

# The node: silo + gateway on PostgreSQL, demo credentials, own ports; waits until it is healthy and seeded.
mkdir -p "$DIR/node"
(cd "$DIR/node" && exec "$ROOT/src/ChainPos.Silo/bin/Release/net10.0/chainpos" --demo --ChainPos:Storage:Provider=Postgres \
   "--ChainPos:Storage:PostgresConnectionString=$CS;Database=chainpos" --ChainPos:Storage:GroupCommit="$GROUP_COMMIT" \
   --ChainPos:GrpcPort="$GRPC_PORT" --ChainPos:HttpPort="$HTTP_PORT" --ChainPos:SiloPort=$((GRPC_PORT + 6031)) \
   --ChainPos:GatewayPort=$((GRPC_PORT + 25020)) ${NODE_ARGS:-} > "$DIR/node.log" 2>&1) &
NODE_PID=$!
for _ in $(seq 1 120); do
  if grep -q -E "Seeded|already seeded" "$DIR/node.log" && curl -sf "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null; then break; fi
  kill -0 "$NODE_PID" 2>/dev/null || { echo "node exited; log:" >&2; tail -30 "$DIR/node.log" >&2; exit 1; }
  sleep 2
done

status=0
for scenario in $SCENARIOS; do
  echo "== $scenario ($SCALE, $SECONDS_PER_RUN s, $CONCURRENCY callers)"
  case "$scenario" in
    chainday)     "$LOAD" chainday $COMMON $SIZE --warmup "$WARMUP" --pg "$CS;Database=baseline" --out "$OUT/chainday.json" || status=$?;;
    flash)        "$LOAD" flash $COMMON --pg "$CS;Database=baseline" --out "$OUT/flash.json" || status=$?;;
    floor)        "$LOAD" floor $COMMON --out "$OUT/floor.json" || status=$?;;
    catalog-sync) "$LOAD" catalog-sync $COMMON --out "$OUT/catalog-sync.json" || status=$?;;
    *) echo "unknown scenario $scenario" >&2; status=2;;
  esac
done
stop_node

bash src/ChainPos.LoadGen/plot-latency.sh "$OUT" docs/images "${LABEL:-}" || status=$?
echo "results in $OUT; plots in docs/images; exit $status"
exit "$status"
