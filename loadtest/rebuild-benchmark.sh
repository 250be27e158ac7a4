#!/usr/bin/env bash
# Rebuild/verify benchmark (issue 6): fills a journal with MARKETS markets of BARS five-minute bars
# each (simulated bars, `liqheat sample`, a different seed per market, each replayed through the
# normal ingest path), then times, on that journal:
#   1. liqheat rebuild read-side          (every market, from the journal)
#   2. liqheat rebuild --market M --model-version v1-book   (one market, a derived series)
#   3. liqheat verify                     (every market: journal checks, recomputed frames, read side)
# and prints the frames/s each command reports, with the machine's load before each, the command's
# own CPU (/usr/bin/time: the client JVM, start-up included) and the Cassandra node's CPU while it
# ran (from /proc, so the two sides of each figure are apart).
#
# It uses a scratch Cassandra data dir and CQL port (19043), so it never touches var/cassandra.
#
#   loadtest/rebuild-benchmark.sh [MARKETS] [BARS] [PARALLEL_MARKETS]   (default 8 6000 4)
#
# With CEILINGS=1 it then measures, on the same node and journal, what the node itself can do with
# no command in between (cassandra-ceiling/CassandraCeiling.java): journal rows read per second by
# a driver, with and without decoding them, through Pekko Persistence Query, and read-side rows
# written per second in batches of several sizes and blob layouts.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
markets="${1:-8}"
bars="${2:-6000}"
parallel="${3:-4}"
source "$home/loadtest/scratch-cassandra.sh"
scratch_cassandra 19043 17001

"$home/bin/liqheat" cassandra start --config "$config"
symbols=()
for i in $(seq 1 "$markets"); do
  symbol="binance:BENCH${i}USDT"
  symbols+=("$symbol")
  "$home/bin/liqheat" sample --out "$work/m$i" --bars "$bars" --bar-minutes 5 --seed "$i" >/dev/null
  "$home/bin/liqheat" replay --config "$config" --market "$symbol" --bars "$work/m$i/bars.csv" --batch-bars 500 2>/dev/null \
    | grep -E '^replayed' | cut -c1-160
done

node_pid="$(cat "$work/cassandra/cassandra.pid")"
# CPU seconds (user + system) the node has used so far.
node_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$node_pid/stat"; }

run() {
  echo "== $*   (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  local before after
  before="$(node_cpu)"
  /usr/bin/time -f "   wall %e s, client cpu user %U s sys %S s, max rss %M kB" "$home/bin/liqheat" "$@" --config "$config" 2>&1 \
    | grep -vE '^liqheat: note' || true
  after="$(node_cpu)"
  echo "   cassandra cpu $(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", b - a }') s"
}

run rebuild read-side --parallel-markets "$parallel"
run rebuild --market "${symbols[0]}" --model-version v1-book --parallel-markets "$parallel"
run verify --parallel-markets "$parallel"
run rebuild read-side --parallel-markets "$parallel"
run verify --parallel-markets "$parallel"

if [[ "${CEILINGS:-0}" == 1 ]]; then
  jar="$(ls -t "$home"/target/liqheat-*-all.jar | head -n 1)"
  ceiling() {
    echo "== ceiling $*   (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    java -Xmx3g -cp "$jar" "$home/loadtest/cassandra-ceiling/CassandraCeiling.java" \
      --port 19043 --pid "$node_pid" --markets "$markets" "$@" 2>&1 | grep -vE ' (WARN|INFO) '
  }
  ceiling --mode read --variants "100,1;500,1;500,3"
  ceiling --mode decode --variants "500,1;500,3"
  ceiling --mode plugin --variants "100;500"
  ceiling --mode write --variants "5,32,v1,lz4,true;50,16,v1,lz4,true;50,16,v2,lz4,true;100,8,v2,lz4,true;100,16,v2,lz4,true;100,8,v2,none,true;100,8,v2,lz4,false"
fi
