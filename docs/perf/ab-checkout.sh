#!/usr/bin/env bash
# A/B checkout, one sitting, like src/ChainPos.LoadGen/side-by-side.sh but: two builds (before/after), own ports,
# and every process stopped by its PID (the machine is shared). Usage: ab.sh ROUNDS SECONDS MODES...
# MODE = before-ado | before-gc | after-ado | after-gc | base
set -euo pipefail
ROUNDS=$1; SECS=$2; shift 2; MODES="$*"
# Two source trees, each with Release builds of src/ChainPos.Silo and src/ChainPos.LoadGen.
BEFORE=${BEFORE:-/tmp/perf-before-src}; AFTER=${AFTER:-$(cd "$(dirname "$0")/../.." && pwd)}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/perf-ab-XXXX); chown postgres "$DIR"
PORT=55477
runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300" -l "$DIR/pglog" start >/dev/null
NODE_PID=""
cleanup() { [ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null || true; runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" stop >/dev/null || true; }
trap cleanup EXIT
sleep 2
CS="Host=127.0.0.1;Port=$PORT;Username=postgres;Maximum Pool Size=100"
ARGS="--seconds $SECS --concurrency 32 --registers 32 --target http://127.0.0.1:5380"
n=0
node() { # tree, group commit, run dir
  local tree=$1 gc=$2 run=$3 db="db$n"
  "$PGBIN/psql" -h 127.0.0.1 -p $PORT -U postgres -qc "CREATE DATABASE $db"
  mkdir -p "$run"; cp "$tree/src/ChainPos.Silo/appsettings.json" "$run/"
  (cd "$run" && exec "$tree/src/ChainPos.Silo/bin/Release/net10.0/chainpos" --demo --ChainPos:Storage:Provider=Postgres \
     "--ChainPos:Storage:PostgresConnectionString=$CS;Database=$db" --ChainPos:Storage:GroupCommit="$gc" \
     --ChainPos:Storage:SqlitePath="$run/unused.db" --ChainPos:GrpcPort=5380 --ChainPos:HttpPort=5381 \
     --ChainPos:SiloPort=11411 --ChainPos:GatewayPort=30300 > "$run/node.log" 2>&1) &
  NODE_PID=$!
  for _ in $(seq 1 120); do
    grep -q -E "Seeded|already seeded" "$run/node.log" && curl -sf http://127.0.0.1:5381/healthz >/dev/null && return 0
    sleep 2
  done
  echo "node did not start; see $run/node.log" >&2; return 1
}
stats() { # commits and grain-state row writes (insert + update) of a database so far
  "$PGBIN/psql" -h 127.0.0.1 -p $PORT -U postgres -d "$1" -Atc \
    "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), COALESCE((SELECT sum(n_tup_ins + n_tup_upd) FROM pg_stat_user_tables WHERE relname LIKE 'pos_grain_state%'), 0)" | tr '|' ' '
}
stop() { kill "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; NODE_PID=""; sleep 2; }
for round in $(seq 1 "$ROUNDS"); do
  for mode in $MODES; do
    n=$((n+1)); run="$DIR/run$n-$mode"; out="/tmp/ab-$mode-$round.json"
    case $mode in
      before-*|after-*)
        tree=$BEFORE; [[ $mode == after-* ]] && tree=$AFTER
        gc=false; [[ $mode == *-gc ]] && gc=true
        node "$tree" $gc "$run"
        echo "== round $round $mode"
        stats "db$n" > "$run/stats-before"
        "$tree/src/ChainPos.LoadGen/bin/Release/net10.0/chainpos-load" checkout $ARGS --credentials "$run/data/demo-credentials.json" --out "$out" | tail -2
        sleep 1; stats "db$n" > "$run/stats-after"
        echo "   db: $(paste -d' ' "$run/stats-before" "$run/stats-after" | awk '{printf "commits %d, row writes %d", $3-$1, $4-$2}')"
        stop ;;
      base)
        echo "== round $round base"
        "$BEFORE/src/ChainPos.LoadGen/bin/Release/net10.0/chainpos-load" baseline $ARGS --pg "$CS;Database=postgres" --out "$out" | tail -2 ;;
    esac
  done
done
