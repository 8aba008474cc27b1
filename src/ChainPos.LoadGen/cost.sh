#!/usr/bin/env bash
# What one chain-day sale costs ChainPos: CPU of the node and of PostgreSQL, durable row writes by grain type, bytes
# sent to PostgreSQL and bytes allocated by the node, per sale, and the node's garbage collections and pause time per
# second, over exactly the measured phase. ChainPos alone (no baseline), against one PostgreSQL started here in a
# temp folder (Debian binaries; run as root on a dev machine).
#
# Usage: bash src/ChainPos.LoadGen/cost.sh [seconds] [scale]      (defaults: 15 small; scales as side-by-side.sh)
# Environment: PGPORT (default 55492), GRPC_PORT (5390), CONCURRENCY (32), WARMUP (5), NODE_ARGS (extra node options),
#   PERF=<file> to also sample the node's stacks with `perf record` for 8 s of the measured phase (read it with
#   `perf report -i <file> --no-children --sort symbol`; the node writes a perf map so .NET frames have names),
#   TRACE=<file.nettrace> to record 6 s of the node's allocations with `dotnet-trace` (profile gc-verbose, or TRACE_PROFILE) instead,
#   GCDUMP=<prefix> to take the node's heap (dotnet-gcdump) 4 s into the measured phase and again 5 s after the run
#   (read them with `dotnet-gcdump report <prefix>-busy.gcdump`; a dump pauses the node, so the figures suffer),
#   METRICS=<file> to keep the node's /metrics as they were at the end of the measured phase.
# How: the load generator appends "start"/"stop" to CHAINPOS_LOAD_PHASE_FILE around its measured phase; at each mark
# this reads /proc/<pid>/stat of the node and of every PostgreSQL process, the node's /metrics, and the sum of row
# versions per grain type (each write bumps a row's version by one, so their difference counts writes exactly).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SECONDS_PER_RUN=${1:-15}; SCALE=${2:-small}
PGPORT=${PGPORT:-55492}; GRPC_PORT=${GRPC_PORT:-5390}; CONCURRENCY=${CONCURRENCY:-32}; WARMUP=${WARMUP:-5}
# shellcheck source=bench-env.sh
source src/ChainPos.LoadGen/bench-env.sh
bench_size "$SCALE"
if [ -n "${PERF:-}" ]; then export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0; fi
bench_start_postgres chainpos-cost chainpos
bench_start_node

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() { for p in $(pgrep -u postgres postgres); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true; done | awk '{t += $1} END {print t + 0}'; }
rows() { "${PSQL[@]}" -d chainpos -Atc "SELECT split_part(grain_id, '/', 1), sum(version), count(*) FROM pos_grain_state_gc GROUP BY 1" > "$1"; }
metric() { curl -s "http://127.0.0.1:$HTTP_PORT/metrics" | awk -v m="$1" 'index($0, m) == 1 {t += $NF} END {printf "%.6f\n", t}'; }
snapshot() { # $1 = 0 or 1
  rows "$DIR/rows$1"
  echo "$(ticks "$NODE_PID") $(pg_ticks) $(metric db_client_operation_npgsql_bytes_written_bytes_total) $(metric dotnet_gc_heap_total_allocated_bytes_total) $(metric orleans_app_requests_latency_milliseconds_count) $(metric dotnet_gc_pause_time_seconds_total) $(metric dotnet_gc_collections_total) $(date +%s.%N)" > "$DIR/snap$1"
}

PHASE="$DIR/phase"
CHAINPOS_LOAD_PHASE_FILE="$PHASE" "$LOAD" chainday \
  --target "http://127.0.0.1:$GRPC_PORT" --credentials "$DIR/node/data/demo-credentials.json" --concurrency "$CONCURRENCY" \
  --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" $SIZE --out "$DIR/chainday.json" > "$DIR/load.log" 2>&1 &
LOAD_PID=$!
until grep -q "^start" "$PHASE" 2>/dev/null; do kill -0 "$LOAD_PID" 2>/dev/null || { tail -20 "$DIR/load.log" >&2; exit 1; }; sleep 0.1; done
snapshot 0
if [ -n "${PERF:-}" ]; then perf record -F 499 -g -p "$NODE_PID" -o "$PERF" -- sleep 8 > "$DIR/perf.log" 2>&1; fi
if [ -n "${TRACE:-}" ]; then dotnet-trace collect -p "$NODE_PID" --profile "${TRACE_PROFILE:-gc-verbose}" --duration 00:00:00:06 -o "$TRACE" > "$DIR/trace.log" 2>&1; fi
if [ -n "${GCDUMP:-}" ]; then sleep 4; dotnet-gcdump collect -p "$NODE_PID" -o "$GCDUMP-busy.gcdump" > "$DIR/gcdump.log" 2>&1; fi
until grep -q "^stop" "$PHASE" 2>/dev/null; do sleep 0.1; done
snapshot 1
if [ -n "${METRICS:-}" ]; then curl -s "http://127.0.0.1:$HTTP_PORT/metrics" > "$METRICS"; fi
status=0; wait "$LOAD_PID" || status=$?
if [ -n "${GCDUMP:-}" ]; then sleep 5; dotnet-gcdump collect -p "$NODE_PID" -o "$GCDUMP-idle.gcdump" >> "$DIR/gcdump.log" 2>&1; fi
grep -E "(CompleteSale|ReturnItems) +[0-9]+ ok|invariant|broken" "$DIR/load.log" | tail -6

SALES=$(grep -oP "CompleteSale\s+\K[0-9]+(?= ok)" "$DIR/load.log" | tail -1)
HZ=$(getconf CLK_TCK)
python3 - "$SALES" "$HZ" "$DIR" <<'PY'
import sys
sales, hz, d = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
s0 = [float(x) for x in open(f"{d}/snap0").read().split()]
s1 = [float(x) for x in open(f"{d}/snap1").read().split()]
node, pg, sent, alloc, calls, gc_pause, gcs, elapsed = [(b - a) for a, b in zip(s0, s1)]
print(f"sales in the measured phase: {sales}")
print(f"per sale: node CPU {node * 1000 / hz / sales:.2f} ms, PostgreSQL CPU {pg * 1000 / hz / sales:.2f} ms, "
      f"sent to PostgreSQL {sent / sales / 1024:.1f} KB, allocated by the node {alloc / sales / 1024:.0f} KB, grain requests {calls / sales:.1f}")
print(f"node GC: {gcs / elapsed:.1f} collections/s, paused {gc_pause * 1000 / elapsed:.0f} ms per second")
def load(path):
    return {l.split('|')[0]: (int(l.split('|')[1]), int(l.split('|')[2])) for l in open(path).read().split()}
a, b = load(f"{d}/rows0"), load(f"{d}/rows1")
total = 0
print("durable row writes per sale, by grain type:")
for kind, (v, n) in sorted(b.items(), key=lambda kv: -(kv[1][0] - a.get(kv[0], (0, 0))[0])):
    writes = v - a.get(kind, (0, 0))[0]
    total += writes
    if writes:
        print(f"  {kind:22s} {writes / sales:5.2f}")
print(f"  {'total':22s} {total / sales:5.2f}")
PY
exit "$status"
