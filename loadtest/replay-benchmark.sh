#!/usr/bin/env bash
# Replay benchmark (issue 3): 4,000 five-minute bars into one market, timed from the first ingest
# batch until every window is frozen in Cassandra and projected into the read side.
#
# It uses a scratch Cassandra data dir and CQL port, so it never touches var/cassandra, and it runs
# the same replay twice: the second run must add nothing (every input is late).
#
#   loadtest/replay-benchmark.sh [BARS]        (default 4000)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bars="${1:-4000}"
source "$home/loadtest/scratch-cassandra.sh"
scratch_cassandra 19042 17000

"$home/bin/liqheat" sample --out "$work" --bars "$bars" --bar-minutes 5 >/dev/null
"$home/bin/liqheat" cassandra start --config "$config"
for run in first second; do
  echo "== $run replay"
  "$home/bin/liqheat" replay --config "$config" --market binance:BTCUSDT --bars "$work/bars.csv" --batch-bars 500 2>/dev/null \
    | grep -E '^replayed| answered '
done
