#!/usr/bin/env bash
# Shows the local cluster: per node whether its JVM runs and what /health/ready says, the simulator
# and Cassandra, and per running node its GET /cluster: the members as it sees them and the markets
# and connectors running on it.
#
#   cluster/local/status.sh [--no-members]
set -euo pipefail
# shellcheck source=cluster/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ -f "$cluster_env" ]] || die "no cluster recorded in $cluster_env; run cluster/local/start.sh"
members=1
[[ "${1:-}" == "--no-members" ]] && members=0

printf '%-6s %-8s %-6s %-6s %-6s %-9s %s\n' node pid alive http artery rss_mib ready
for dir in "$cluster_dir"/node-*; do
  [[ -d "$dir" ]] || continue
  i="${dir##*-}"
  pid="$(cat "$dir/pid" 2>/dev/null || echo -)"
  alive=no rss=- ready=-
  if live_pid "$dir/pid" >/dev/null; then
    alive=yes
    rss=$(($(ps -o rss= -p "$pid") / 1024))
    resp="$(curl -s -m 3 -w '\n%{http_code}' "http://127.0.0.1:$(http_port "$i")/health/ready" || true)"
    ready="${resp##*$'\n'} ${resp%$'\n'*}"
  fi
  printf '%-6s %-8s %-6s %-6s %-6s %-9s %s\n' "$i" "$pid" "$alive" "$(http_port "$i")" "$(artery_port "$i")" "$rss" "$ready"
done

if pid="$(live_pid "$sim_pid_file")"; then
  echo "simulator: pid $pid on 127.0.0.1:$sim_port, rss $(($(ps -o rss= -p "$pid") / 1024)) MiB"
elif [[ "${LIQHEAT_CLUSTER_MODE:-sim}" == sim ]]; then
  echo "simulator: not running"
fi
# The pid file, not `bin/liqheat cassandra status`: a JVM start costs seconds on a loaded machine.
if pid="$(live_pid "$cassandra_dir/cassandra.pid")"; then
  echo "cassandra: pid $pid, CQL 127.0.0.1:$cql_port$(port_busy "$cql_port" || echo " (not listening)"), rss $(($(ps -o rss= -p "$pid") / 1024)) MiB"
else
  echo "cassandra: not running (data in $cassandra_dir)"
fi

if ((members)); then
  for dir in "$cluster_dir"/node-*; do
    [[ -d "$dir" ]] || continue
    i="${dir##*-}"
    live_pid "$dir/pid" >/dev/null || continue
    view="$(curl -s -m 5 "http://127.0.0.1:$(http_port "$i")/cluster" || true)"
    [[ -n "$view" ]] || continue
    python3 - "$i" "$view" <<'PY'
import json, sys
node, view = sys.argv[1], json.loads(sys.argv[2])
members = ", ".join(f"{m['address'].rsplit(':', 1)[1]} {m['status']}" for m in view["members"])
print(f"node {node}: members [{members}]" + (f" unreachable {view['unreachable']}" if view["unreachable"] else ""))
print(f"        markets here: {', '.join(view['markets']) or '-'}; connectors here: {', '.join(view['connectors']) or '-'}")
PY
  done
fi
