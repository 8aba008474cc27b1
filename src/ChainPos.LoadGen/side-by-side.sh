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
OUT=${OUT:-/tmp/chainpos-bench}; PGPORT=${PGPORT:-55491}; GRPC_PORT=${GRPC_PORT:-5380}
GROUP_COMMIT=${GROUP_COMMIT:-true}; CONCURRENCY=${CONCURRENCY:-32}; WARMUP=${WARMUP:-5}
SCENARIOS=${SCENARIOS:-"chainday flash floor catalog-sync"}
# shellcheck source=bench-env.sh
source src/ChainPos.LoadGen/bench-env.sh
bench_size "$SCALE"
mkdir -p "$OUT"
bench_start_postgres chainpos-sbs chainpos baseline
bench_start_node
COMMON="--target http://127.0.0.1:$GRPC_PORT --credentials $DIR/node/data/demo-credentials.json --concurrency $CONCURRENCY --seconds $SECONDS_PER_RUN"

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
bench_stop_node

bash src/ChainPos.LoadGen/plot-latency.sh "$OUT" docs/images "${LABEL:-}" || status=$?
echo "results in $OUT; plots in docs/images; exit $status"
exit "$status"
