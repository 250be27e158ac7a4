#!/usr/bin/env bash
# Rebuild/verify benchmark (issue 6): fills a journal with MARKETS markets of BARS five-minute bars
# each (simulated bars, `liqheat sample`, a different seed per market, each replayed through the
# normal ingest path), then times, on that journal:
#   1. liqheat rebuild read-side          (every market, from the journal)
#   2. liqheat rebuild --market M --model-version v1-book   (one market, a derived series)
#   3. liqheat verify                     (every market: journal checks, recomputed frames, read side)
# and prints the frames/s each command reports, with the machine's load before each.
#
# It uses a scratch Cassandra data dir and CQL port (19043), so it never touches var/cassandra.
#
#   loadtest/rebuild-benchmark.sh [MARKETS] [BARS] [PARALLEL_MARKETS]   (default 8 6000 4)
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

run() {
  echo "== $*   (load: $(uptime | sed 's/.*load average: //'))"
  /usr/bin/time -f "   wall %e s, cpu user %U s sys %S s, max rss %M kB" "$home/bin/liqheat" "$@" --config "$config" 2>&1 \
    | grep -vE '^liqheat: note' || true
}

run rebuild read-side --parallel-markets "$parallel"
run rebuild --market "${symbols[0]}" --model-version v1-book --parallel-markets "$parallel"
run verify --parallel-markets "$parallel"
run rebuild read-side --parallel-markets "$parallel"
run verify --parallel-markets "$parallel"
