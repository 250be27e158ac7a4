#!/usr/bin/env bash
# Ingest benchmark (issue 4): simulator WebSocket frames -> the real connector -> market entities,
# on one node, next to bare parsing of the same frames by the same connector's parser in the same
# process. Runs each exchange's wire format; results go to stdout (tee them into loadtest/results/).
#
#   loadtest/ingest-benchmark.sh [SECONDS] [MARKETS] [TRADES_PER_FRAME]   (defaults 30, 30, 20)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-30}"
markets="${2:-30}"
per_frame="${3:-20}"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for exchange in binance bybit okx; do
  "$home/bin/liqheat" loadtest-ingest --exchange "$exchange" --markets "$markets" \
    --trades-per-frame "$per_frame" --seconds "$seconds" --warmup 10 2>/dev/null | grep -E '^(binance|bybit|okx|simulator|warming|ingest|parse|ratio)'
done
