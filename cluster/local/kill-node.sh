#!/usr/bin/env bash
# Kills node I without warning (SIGKILL), as a crash or a lost machine would: no hand-over. The
# others see it unreachable, the split-brain resolver downs it after stable-after (5 s, in
# src/main/resources/application.conf), and its shards, with their remembered markets, start again
# on the survivors, recovering from the journal.
#
#   cluster/local/kill-node.sh I
set -euo pipefail
# shellcheck source=cluster/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_index "${1:-}"
i="$1"
pid="$(live_pid "$(node_dir "$i")/pid")" || die "node $i is not running"
kill -KILL "$pid"
while kill -0 "$pid" 2>/dev/null; do
  sleep 0.1
done
say "node $i (pid $pid) killed at $(date -u +%T)Z"
