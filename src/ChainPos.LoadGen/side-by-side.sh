#!/usr/bin/env bash
# Checkout side by side, one sitting: ChainPos (ADO.NET storage), ChainPos (group commit) and the
# central-database baseline, against one PostgreSQL started here in a temp folder (Debian binaries;
# run as root on a dev/CI machine of this project's kind). Results: /tmp/sbs-{ado,gc,base}-N.json.
# Usage: bash src/ChainPos.LoadGen/side-by-side.sh [rounds] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}; SECONDS_PER_RUN=${2:-15}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
DIR=$(mktemp -d /tmp/chainpos-sbs-XXXX); chown postgres "$DIR"
PORT=55433
for p in src/ChainPos.Silo src/ChainPos.LoadGen; do dotnet build -c Release "$p" -nologo -clp:ErrorsOnly; done
runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300" -l "$DIR/log" start >/dev/null
trap 'pkill -f "net10.0/chainpos " || true; runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" stop >/dev/null; rm -rf "$DIR"' EXIT
sleep 2
for db in chainpos_ado chainpos_gc; do "$PGBIN/psql" -h 127.0.0.1 -p $PORT -U postgres -qc "CREATE DATABASE $db"; done
CS="Host=127.0.0.1;Port=$PORT;Username=postgres;Maximum Pool Size=100"
LOAD=./src/ChainPos.LoadGen/bin/Release/net10.0/chainpos-load
ARGS="--seconds $SECONDS_PER_RUN --concurrency 32 --registers 32"

node() { # database, group commit on/off: start the node and wait until it is seeded and healthy
  (cd src/ChainPos.Silo && nohup ./bin/Release/net10.0/chainpos --demo --ChainPos:Storage:Provider=Postgres \
     "--ChainPos:Storage:PostgresConnectionString=$CS;Database=$1" --ChainPos:Storage:GroupCommit="$2" \
     --ChainPos:Storage:SqlitePath="$DIR/unused.db" > "$DIR/node-$1.log" 2>&1 &)
  for _ in $(seq 1 90); do
    grep -q -E "Seeded|already seeded" "$DIR/node-$1.log" && curl -sf http://127.0.0.1:5081/healthz >/dev/null && return 0
    sleep 2
  done
  echo "node did not start; see $DIR/node-$1.log" >&2; return 1
}
stop() { pkill -f "net10.0/chainpos " || true; sleep 3; }

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round"
  node chainpos_ado false; $LOAD checkout $ARGS --out "/tmp/sbs-ado-$round.json" | tail -2; stop
  node chainpos_gc true;   $LOAD checkout $ARGS --out "/tmp/sbs-gc-$round.json" | tail -2; stop
  $LOAD baseline $ARGS --pg "$CS;Database=postgres" --out "/tmp/sbs-base-$round.json" | tail -2
done
