#!/usr/bin/env bash
# Latency against throughput: the chain day, ChainPos and the central-database baseline side by side, at a rising
# number of callers (closed loop: each caller rings its next sale when the last one is answered), on one PostgreSQL
# and one node started here (Debian binaries, temp folder; run as root on a dev machine of this project's kind).
# One chain-day run per caller count; both systems warm up before each measured run, and each run checks the
# invariants. Ends with a table (sales/s, p50 and p99 of CompleteSale per system, ratio), the highest rate each system
# kept with p99 within the issue's 20 ms, and a plot: docs/images/chainday-sweep.png.
#
# Usage: bash src/ChainPos.LoadGen/sweep.sh [seconds] [scale]      (defaults: 15 small; scales as side-by-side.sh)
# Environment: CALLERS (default "1 2 4 8 16 32"), OUT (results folder, default /tmp/chainpos-sweep), LABEL (added to
#   the plot's title), PGPORT (55493), GRPC_PORT (5400), WARMUP (5), GROUP_COMMIT, NODE_ARGS, NODE_ENV.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SECONDS_PER_RUN=${1:-15}; SCALE=${2:-small}
CALLERS=${CALLERS:-"1 2 4 8 16 32"}; OUT=${OUT:-/tmp/chainpos-sweep}
PGPORT=${PGPORT:-55493}; GRPC_PORT=${GRPC_PORT:-5400}; WARMUP=${WARMUP:-5}
# shellcheck source=bench-env.sh
source src/ChainPos.LoadGen/bench-env.sh
bench_size "$SCALE"
mkdir -p "$OUT"; rm -f "$OUT"/chainday-c*.json
bench_start_postgres chainpos-sweep chainpos baseline
bench_start_node

status=0
for callers in $CALLERS; do
  echo "== chainday with $callers callers ($SCALE, $SECONDS_PER_RUN s each system, $WARMUP s warm-up)"
  "$LOAD" chainday --target "http://127.0.0.1:$GRPC_PORT" --credentials "$DIR/node/data/demo-credentials.json" \
    --concurrency "$callers" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" $SIZE --pg "$CS;Database=baseline" \
    --out "$OUT/chainday-c$callers.json" || status=$?
done
bench_stop_node

if ! command -v gnuplot >/dev/null 2>&1; then
  echo "==> Installing gnuplot (Debian package 'gnuplot-nox')"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gnuplot-nox >/dev/null
fi
"$LOAD" plot-sweep "$OUT" docs/images "${LABEL:-}" || status=$?
echo "results in $OUT; plot in docs/images/chainday-sweep.png; exit $status"
exit "$status"
