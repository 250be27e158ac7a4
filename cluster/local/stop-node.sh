#!/usr/bin/env bash
# Stops node I gracefully: SIGTERM runs Pekko's coordinated shutdown, which hands the node's shards
# (and the read-side singleton, if it runs here) to the other nodes before the JVM exits.
#
#   cluster/local/stop-node.sh I
set -euo pipefail
# shellcheck source=cluster/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_index "${1:-}"
i="$1"
pid="$(live_pid "$(node_dir "$i")/pid")" || die "node $i is not running"
t0=$SECONDS
stop_pid "$pid" "node $i" || die "node $i did not stop; cluster/local/kill-node.sh $i ends it"
say "node $i (pid $pid) left the cluster and exited in $((SECONDS - t0)) s"
