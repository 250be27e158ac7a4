#!/usr/bin/env bash
# Per-node capacity: one liqheat node, in a JVM of its own, reading N simulated markets with live
# ingest and freezes, while the simulator runs in another JVM and the embedded Cassandra in a third.
#
#   loadtest/capacity-benchmark.sh [MARKETS] [SPEED] [MEASURE_SECONDS]
#
# Each simulated market trades like a demo market, 6 trades per second of exchange time; SPEED
# multiplies exchange time, so the node takes 6 x SPEED trades per second per market and freezes a
# window per market every 300/SPEED seconds. After a warm-up (every market's history backfilled and
# frozen), it measures over MEASURE_SECONDS: the trades ingested per second, the node's CPU, the
# worst freeze lag over the markets (how far the newest frozen window trails exchange time), and
# the live heap after a full GC, per market. A node "holds" N markets when the ingest rate matches
# the simulated rate and the freeze lag stays within one window plus the grace.
#
# Each run gets a fresh embedded Cassandra of its own (CQL port 9142, data under var/capacity/),
# stopped at the end: the synthetic markets' names repeat from run to run, and a journal left by an
# earlier run, whose exchange clock ran ahead, would make every new input late. Run it on a quiet
# machine; it uses the ports below.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
markets="${1:-60}"
speed="${2:-10}"
measure="${3:-120}"
heap="${LIQHEAT_CAPACITY_HEAP:-4g}"
sim_port="${LIQHEAT_CAPACITY_SIM_PORT:-9190}"
http_port="${LIQHEAT_CAPACITY_HTTP_PORT:-8190}"
artery_port="${LIQHEAT_CAPACITY_ARTERY_PORT:-2590}"
work="$home/var/capacity"
cql_port="${LIQHEAT_CAPACITY_CQL_PORT:-9142}"
storage_port="${LIQHEAT_CAPACITY_STORAGE_PORT:-7142}"
results="$home/loadtest/results"
mkdir -p "$work" "$results"
rm -f "$work/sim.conf"

cleanup() {
  [[ -n "${node_pid:-}" ]] && kill "$node_pid" 2>/dev/null && wait "$node_pid" 2>/dev/null || true
  [[ -n "${sim_pid:-}" ]] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
  LIQHEAT_NO_BUILD=1 "$home/bin/liqheat" cassandra stop --config "$work/cassandra.conf" >>"$work/cassandra.log" 2>&1 || true
}
trap cleanup EXIT

"$home/bin/liqheat" cassandra stop --config "$work/cassandra.conf" >/dev/null 2>&1 || true
rm -rf "$work/cassandra-data"
cat >"$work/cassandra.conf" <<CONF
include file("$home/conf/liqheat.conf")
liqheat.cassandra.mode = embedded
liqheat.cassandra.embedded { data-dir = "$work/cassandra-data", cql-port = $cql_port, storage-port = $storage_port }
CONF
"$home/bin/liqheat" cassandra start --config "$work/cassandra.conf" >"$work/cassandra.log" 2>&1
LIQHEAT_NO_BUILD=1 "$home/bin/liqheat" schema apply --config "$work/cassandra.conf" >>"$work/cassandra.log" 2>&1
LIQHEAT_NO_BUILD=1 "$home/bin/liqheat" simulate --markets "$markets" --speed "$speed" --history PT1H \
  --port "$sim_port" --node-config "$work/sim.conf" >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 120); do [[ -f "$work/sim.conf" ]] && break; sleep 1; done
[[ -f "$work/sim.conf" ]] || { echo "the simulator did not start; see $work/sim.log" >&2; exit 1; }

cat >"$work/node.conf" <<CONF
include file("$work/cassandra.conf")
include file("$work/sim.conf")
liqheat.http.port = $http_port
pekko.remote.artery.canonical.port = $artery_port
CONF
LIQHEAT_NO_BUILD=1 LIQHEAT_JAVA_OPTS="-Xmx$heap -Xms$heap -XX:+UseG1GC" \
  "$home/bin/liqheat" serve --config "$work/node.conf" >"$work/node.log" 2>&1 &
node_pid=$!

api="http://127.0.0.1:$http_port"
for _ in $(seq 1 180); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$api/health/ready" || true)" == 200 ]] && break
  kill -0 "$node_pid" 2>/dev/null || { echo "the node died; see $work/node.log" >&2; exit 1; }
  sleep 1
done

# A snapshot of the node: ingested trades, CPU ticks, and the worst freeze lag in exchange seconds.
sample() {
  local ticks
  ticks=$(awk '{print $14 + $15}' "/proc/$node_pid/stat")
  curl -s "$api/metrics" >"$work/metrics.txt"
  curl -s "$api/api/v1/markets" >"$work/markets.json"
  python3 - "$work/metrics.txt" "$work/markets.json" "$work/sim.conf" "$ticks" <<'PY'
import json, re, sys, time
metrics, markets, sim, ticks = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
trades = sum(float(line.rsplit(' ', 1)[1]) for line in open(metrics)
             if line.startswith('liqheat_ingest_trades_total{'))
conf = open(sim).read()
speed = float(re.search(r'speed = ([0-9.]+)', conf).group(1))
since = int(re.search(r'since-ms = ([0-9]+)', conf).group(1))
now_ms = time.time() * 1000
exchange_now = since + (now_ms - since) * speed
frozen = [m.get('lastFrozenWindow') for m in json.load(open(markets))]
lag = max((exchange_now - (f + 300_000)) / 1000 if f else float('inf') for f in frozen)
print(f"{now_ms:.0f} {trades:.0f} {ticks} {lag:.1f}")
PY
}

echo "warming up: every market backfills 1 h of simulated history, then runs live ..." >&2
warm_deadline=$((SECONDS + 300))
while true; do
  read -r _ _ _ lag < <(sample)
  if [[ "$lag" != inf ]] && python3 -c "import sys; sys.exit(0 if float('$lag') < 300 + 60 else 1)"; then break; fi
  (( SECONDS > warm_deadline )) && { echo "warm-up did not converge (lag $lag s); see $work/node.log" >&2; break; }
  sleep 5
done
sleep 30

read -r t0 trades0 ticks0 lag0 < <(sample)
worst_lag="$lag0"
end=$((SECONDS + measure))
while (( SECONDS < end )); do
  sleep 10
  read -r _ _ _ lag < <(sample)
  worst_lag=$(python3 -c "print(max(float('$worst_lag'), float('$lag')))")
done
read -r t1 trades1 ticks1 lag1 < <(sample)
worst_lag=$(python3 -c "print(max(float('$worst_lag'), float('$lag1')))")

# The live heap: a class histogram collects first and counts only what is reachable. (The heap's
# "used" after GC.run is no measure: G1 keeps regions it could return.)
jcmd "$node_pid" GC.class_histogram >"$work/class-histogram-$markets.txt"
heap_used_kb=$(awk '/^Total/ {print int($3 / 1024)}' "$work/class-histogram-$markets.txt")
hz=$(getconf CLK_TCK)

python3 - <<PY | tee -a "$results/capacity-$(date -u +%Y%m%d).txt"
seconds = ($t1 - $t0) / 1000
rate = ($trades1 - $trades0) / seconds
expected = 6 * $speed * $markets
cores = ($ticks1 - $ticks0) / $hz / seconds
heap_mb = $heap_used_kb / 1024
grace = min(120, max(2, 2 * $speed))
holds = rate >= 0.9 * expected and $worst_lag <= 300 + grace + 30
print(f"capacity: {$markets} markets at x{$speed} ({expected:.0f} simulated trades/s): ingested {rate:,.0f} trades/s,"
      f" node CPU {cores:.2f} cores, worst freeze lag {$worst_lag:.0f} s of exchange time (window 300 s + grace {grace:.0f} s),"
      f" live heap {heap_mb:.0f} MiB = {heap_mb * 1024 / $markets:.0f} KiB per market, node included;"
      f" {'holds' if holds else 'DOES NOT HOLD'} (load {open('/proc/loadavg').read().split()[0]}, -Xmx$heap)")
PY
