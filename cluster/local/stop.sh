#!/usr/bin/env bash
# Stops the local cluster: every node (SIGTERM, in parallel), the simulator, and the embedded
# Cassandra unless --keep-cassandra (the journal stays in its data directory either way).
#
#   cluster/local/stop.sh [--keep-cassandra]
set -euo pipefail
# shellcheck source=cluster/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

keep_cassandra=0
case "${1:-}" in
  "") ;;
  --keep-cassandra) keep_cassandra=1 ;;
  *) die "usage: $(basename "$0") [--keep-cassandra]" ;;
esac

t0=$SECONDS
pids=()
for pid_file in "$cluster_dir"/node-*/pid; do
  [[ -f "$pid_file" ]] || continue
  if pid="$(live_pid "$pid_file")"; then
    kill -TERM "$pid"
    pids+=("$pid")
  fi
done
failed=0
for pid in "${pids[@]}"; do
  stop_pid "$pid" "node pid $pid" || failed=1
done
((${#pids[@]} == 0)) || say "${#pids[@]} node(s) stopped in $((SECONDS - t0)) s"

if pid="$(live_pid "$sim_pid_file")"; then
  stop_pid "$pid" "simulator" || failed=1
  say "simulator stopped"
fi

if ((keep_cassandra == 0)) && [[ -f "$cassandra_conf" ]]; then
  liqheat_nobuild cassandra stop --config "$cassandra_conf"
fi
((failed == 0)) || die "something still runs; kill it by the pid shown above"
