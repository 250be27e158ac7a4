#!/usr/bin/env bash
# Starts node I again into the running cluster (after stop-node.sh or kill-node.sh), with the ports
# start.sh recorded, and waits until it is ready. It joins through the seed nodes; a node started
# with a port it had before replaces its old incarnation in the membership.
#
#   cluster/local/start-node.sh I
set -euo pipefail
# shellcheck source=cluster/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_index "${1:-}"
i="$1"
[[ -f "$cluster_env" ]] || die "no cluster recorded in $cluster_env; run cluster/local/start.sh first"
[[ -f "$cluster_dir/ingest.conf" ]] || die "$cluster_dir/ingest.conf is missing; run cluster/local/start.sh"
if pid="$(live_pid "$(node_dir "$i")/pid")"; then
  die "node $i already runs (pid $pid)"
fi
launch_node "$i"
say "node $i starting (pid $(cat "$(node_dir "$i")/pid"), log $(node_dir "$i")/node.log)"
wait_ready "$i"
