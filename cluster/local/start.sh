#!/usr/bin/env bash
# Starts a local liqheat cluster on loopback: the embedded Cassandra (once), the simulated exchange
# (--sim, the default) or the real exchanges (--live), then N service nodes, and waits until every
# node answers /health/ready with 200.
#
#   cluster/local/start.sh [N] [--sim|--live] [--speed X]
#
# Node i: HTTP 127.0.0.1:(LIQHEAT_CLUSTER_BASE_HTTP + i - 1), default 8080, 8081, ...
#         Artery 127.0.0.1:(LIQHEAT_CLUSTER_BASE_ARTERY + i), default 2551, 2552, ...
# Seeds: nodes 1 and 2. Files: var/cluster/node-i/{node.conf,node.log,pid}.
# Other environment: LIQHEAT_CLUSTER_SIM_PORT (9100), LIQHEAT_CLUSTER_CQL_PORT (9042),
# LIQHEAT_CLUSTER_STORAGE_PORT (7000), LIQHEAT_CLUSTER_CASSANDRA_DIR (var/cassandra),
# LIQHEAT_CLUSTER_JAVA_OPTS (per node, default -Xmx1g), LIQHEAT_CLUSTER_READY_TIMEOUT (240 s),
# LIQHEAT_CLUSTER_MARKETS (--live only; default binance:BTCUSDT,bybit:BTCUSDT,okx:BTC-USDT-SWAP).
set -euo pipefail

nodes=3
mode=sim
speed=30
while (($#)); do
  case "$1" in
    --sim) mode=sim ;;
    --live) mode=live ;;
    --speed)
      [[ $# -ge 2 ]] || { echo "cluster: --speed needs a value" >&2; exit 2; }
      speed="$2"
      shift
      ;;
    --speed=*) speed="${1#--speed=}" ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      [[ "$1" =~ ^[1-9][0-9]*$ ]] || { echo "cluster: unknown argument '$1' (see --help)" >&2; exit 2; }
      nodes="$1"
      ;;
  esac
  shift
done

# A cluster that is already running keeps its recorded ports: start.sh is not a restart.
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ -f "$home/var/cluster/cluster.env" ]]; then
  for pid_file in "$home"/var/cluster/node-*/pid "$home/var/cluster/sim.pid"; do
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "cluster: already running ($pid_file); use cluster/local/status.sh, or stop.sh first" >&2
      exit 1
    fi
  done
  rm -f "$home/var/cluster/cluster.env"
fi

# shellcheck source=cluster/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

((nodes >= 2)) || die "a cluster needs at least 2 nodes (seed nodes are nodes 1 and 2)"
mkdir -p "$cluster_dir"
{
  echo "# Recorded by cluster/local/start.sh; the other scripts read it."
  for name in base_http base_artery sim_port cql_port storage_port cassandra_dir node_java_opts nodes mode speed; do
    var="LIQHEAT_CLUSTER_$(tr '[:lower:]' '[:upper:]' <<<"$name")"
    case "$name" in
      node_java_opts) var=LIQHEAT_CLUSTER_JAVA_OPTS ;;
      nodes) var=LIQHEAT_CLUSTER_NODES ;;
    esac
    printf '%s=%q\n' "$var" "${!name}"
  done
} >"$cluster_env"

for i in $(seq 1 "$nodes"); do
  for port in "$(http_port "$i")" "$(artery_port "$i")"; do
    ! port_busy "$port" || die "port $port (node $i) is in use (ss -ltn); set LIQHEAT_CLUSTER_BASE_HTTP / LIQHEAT_CLUSTER_BASE_ARTERY"
  done
done

t0=$SECONDS
write_cassandra_conf

# The one call allowed to build the jar; every later one runs with LIQHEAT_NO_BUILD=1.
if "$liqheat" cassandra status --config "$cassandra_conf" | grep -qi "not running"; then
  ! port_busy "$cql_port" || die "CQL port $cql_port is in use by another Cassandra; set LIQHEAT_CLUSTER_CQL_PORT and LIQHEAT_CLUSTER_STORAGE_PORT"
  say "starting the embedded Cassandra (CQL 127.0.0.1:$cql_port, data in $cassandra_dir)"
  liqheat_nobuild cassandra start --config "$cassandra_conf"
else
  say "Cassandra already running: $(liqheat_nobuild cassandra status --config "$cassandra_conf")"
fi
# Applied once here so the nodes, which apply it again idempotently, never create tables concurrently.
liqheat_nobuild schema apply --config "$cassandra_conf" >/dev/null
say "schema applied ($((SECONDS - t0)) s)"

if [[ "$mode" == sim ]]; then
  ! port_busy "$sim_port" || die "simulator port $sim_port is in use; set LIQHEAT_CLUSTER_SIM_PORT"
  rm -f "$sim_conf"
  nohup env LIQHEAT_NO_BUILD=1 "$liqheat" simulate --port "$sim_port" --speed "$speed" --node-config "$sim_conf" \
    >"$sim_log" 2>&1 </dev/null &
  echo $! >"$sim_pid_file"
  deadline=$((SECONDS + 60))
  until [[ -f "$sim_conf" ]]; do
    kill -0 "$(cat "$sim_pid_file")" 2>/dev/null || { tail -n 30 "$sim_log" >&2; die "the simulator exited; see $sim_log"; }
    ((SECONDS < deadline)) || die "the simulator wrote no $sim_conf within 60 s; see $sim_log"
    sleep 0.5
  done
  say "simulator on 127.0.0.1:$sim_port, exchange time x$speed (pid $(cat "$sim_pid_file"))"
  printf 'include file("%s")\n' "$sim_conf" >"$cluster_dir/ingest.conf"
else
  markets="${LIQHEAT_CLUSTER_MARKETS:-binance:BTCUSDT,bybit:BTCUSDT,okx:BTC-USDT-SWAP}"
  printf 'liqheat.ingest.markets = ["%s"]\n' "${markets//,/\", \"}" >"$cluster_dir/ingest.conf"
fi

for i in $(seq 1 "$nodes"); do
  mkdir -p "$(node_dir "$i")"
  : >"$(node_dir "$i")/node.log"
  launch_node "$i"
  say "node $i starting (pid $(cat "$(node_dir "$i")/pid"), log $(node_dir "$i")/node.log)"
done
failed=0
for i in $(seq 1 "$nodes"); do
  wait_ready "$i" || failed=1
done
((failed == 0)) || die "not every node became ready; cluster/local/stop.sh stops what runs"
say "$nodes nodes ready after $((SECONDS - t0)) s; cluster/local/status.sh shows them"
