#!/usr/bin/env bash
# SSE load test (issue 5): many concurrent subscribers on one node fed by the simulator, measured for
# publish-to-receipt latency (p50/p99/max), events received per second, server CPU and server heap per
# subscriber. The server is `bin/liqheat demo` (embedded Cassandra + simulated exchange + node) in
# its own JVM; the client (loadtest/sse-client: HdrHistogram, its own HTTP/1.1 and SSE decoding on one
# NIO selector thread) runs in another JVM and reads the server's CPU from /proc, its heap after full
# GCs through jcmd, its collections through jstat, and every process's CPU over the window from /proc.
#
# Why that client and not Gatling or a Pekko HTTP client: it shares the server's two cores, so its own
# CPU per event becomes the server's latency. The Pekko HTTP + HdrHistogram client that measured
# before used 83 % of a core at 10,000 subscribers, ~100 us per event, as much as the server
# (loadtest/results/sse-2026-11-24-shared-bytes.txt); a selector thread reading raw bytes uses a
# fraction of that (the figures are in the results files of 2026-12). It still checks every event:
# types, ids, snapshot first, JSON (a sample fully parsed), and reports each problem it finds.
#
# It uses a scratch Cassandra data dir and its own ports (HTTP 18480, CQL 19142, Pekko remoting
# 25581), so it runs beside a normal demo and never touches var/cassandra.
#
#   loadtest/sse-benchmark.sh [SUBSCRIBERS]        (default 10000)
#
# Environment: SSE_WARMUP (s after the ramp, default 20), SSE_MEASURE (s, default 60),
# SSE_CONNECT_PER_SECOND (default 500), SSE_ASSET_SHARE (default 0.1), SSE_SERVER_HEAP (default 4g),
# SSE_HTTP_PORT (default 18480), SSE_RAMP_TIMEOUT (s to wait for every stream to open, default 900;
# then the streams open are measured), SSE_TAG (appended to the results file's name),
# SSE_SERVER_OPTS (JVM options besides the heap, after the launcher's own for demo; default none), SSE_PROFILE (a directory: both JVMs log their GCs there, and a
# JFR recording with the "profile" settings covers the second half of the warm-up and the measured window
# in each: server.jfr, client.jfr;
# then a class histogram of the server's heap: histogram-server.txt; and the server's log, demo.log).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
subscribers="${1:-10000}"
port="${SSE_HTTP_PORT:-18480}"
results="$home/loadtest/results/sse-$(date -u +%F)${SSE_TAG:+-$SSE_TAG}.txt"

# Every subscriber is a socket in the client and another in the server, each process in its own limit;
# the demo also holds Cassandra sessions, WebSockets to the simulator and jar files.
need=$((subscribers + 4096))
if (( $(ulimit -n) < need )); then
  ulimit -n "$need" 2>/dev/null || {
    echo "sse-benchmark: need $need open files per process, the hard limit is $(ulimit -Hn); run with fewer subscribers" >&2
    exit 1
  }
fi
# All subscribers connect from 127.0.0.1 to one port, so each needs its own ephemeral port.
read -r low high < /proc/sys/net/ipv4/ip_local_port_range
if (( high - low < subscribers + 1000 )); then
  echo "sse-benchmark: only $((high - low)) ephemeral ports ($low-$high) for $subscribers subscribers" >&2
  exit 1
fi

work="$(mktemp -d)"
config="$work/sse-bench.conf"
cat >"$config" <<CONF
include "$home/conf/liqheat.conf"
liqheat.cassandra.embedded { data-dir = "$work/cassandra", cql-port = 19142, storage-port = 17100 }
liqheat.http {
  port = $port
  # Every subscriber connects from 127.0.0.1: the per-address limit must admit all of them.
  sse.max-per-client = $((subscribers + 100))
  max-connections = $((subscribers + 1000))
}
# Pekko's accept backlog of 100 overflows while subscribers connect at hundreds per second; dropped
# SYNs are retried after 1, 2, 4 ... s, which made a 1,000-subscriber ramp take a minute.
pekko.http.server.backlog = 4096
pekko.remote.artery.canonical.port = 25581
CONF

server_pid=""
recorder_pid=""
cleanup() {
  # The recorder sleeps through the window; it must not outlive the run (it holds the caller's lock).
  [[ -n "$recorder_pid" ]] && kill "$recorder_pid" 2>/dev/null || true
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  LIQHEAT_NO_BUILD=1 "$home/bin/liqheat" cassandra stop --config "$config" >/dev/null 2>&1 || true
  [[ -n "${profile:-}" && -f "$work/demo.log" ]] && cp "$work/demo.log" "$profile/demo.log"
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the client (loadtest/sse-client) and the service jar"
mvn -q -B -f "$home/loadtest/sse-client/pom.xml" package dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$home/loadtest/sse-client/target/classpath.txt" >"$work/client-build.log" 2>&1 \
  || { tail -n 40 "$work/client-build.log" >&2; exit 1; }
"$home/bin/liqheat" --version >/dev/null

profile="${SSE_PROFILE:-}"
server_opts="-Xmx${SSE_SERVER_HEAP:-4g} ${SSE_SERVER_OPTS:-}"
client_opts="-Xmx3g -XX:+UseG1GC"
if [[ -n "$profile" ]]; then
  mkdir -p "$profile"
  profile="$(cd "$profile" && pwd)"
  server_opts="$server_opts -Xlog:gc:file=$profile/gc-server.log:time,uptime,level,tags"
  client_opts="$client_opts -Xlog:gc:file=$profile/gc-client.log:time,uptime,level,tags"
fi

echo "== starting the demo on 127.0.0.1:$port (log: $work/demo.log)"
LIQHEAT_NO_BUILD=1 LIQHEAT_JAVA_OPTS="$server_opts" \
  "$home/bin/liqheat" demo --config "$config" >"$work/demo.log" 2>&1 &
server_pid=$!
bands_url="http://127.0.0.1:$port/api/v1/markets/binance:BTCUSDT/bands"
for _ in $(seq 1 600); do
  # Ready once a live frame has been published (publishedAt > 0), i.e. the connectors are feeding it.
  if curl -fsS "$bands_url" 2>/dev/null | grep -q '"publishedAt":[1-9]'; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { echo "sse-benchmark: the demo exited:" >&2; tail -n 40 "$work/demo.log" >&2; exit 1; }
  sleep 1
done
curl -fsS "$bands_url" | grep -q '"publishedAt":[1-9]' || { echo "sse-benchmark: no live frames after 600 s" >&2; exit 1; }
[[ "$(cat "/proc/$server_pid/comm")" == java ]] || { echo "sse-benchmark: pid $server_pid is not the server JVM" >&2; exit 1; }
# The server's JVM options as it runs: the launcher's own for demo, then SSE_SERVER_OPTS.
server_jvm="$(tr '\0' ' ' <"/proc/$server_pid/cmdline" | sed -E 's/ -jar .*//; s/^java //')"

# Starts a JFR recording of the measured window in the server and the client once the client reports
# its ramp done: the window begins SSE_WARMUP seconds later and lasts SSE_MEASURE seconds.
record_window() {
  local client_pid="$1"
  until grep -q '^ramp:' "$work/client.txt" 2>/dev/null; do
    kill -0 "$client_pid" 2>/dev/null || return 0
    sleep 1
  done
  # Halfway through the warm-up, so that starting the recordings (a safepoint, JFR's own set-up) is
  # over before the window begins; they last until it ends.
  local lead=$(( ${SSE_WARMUP:-20} / 2 ))
  sleep $(( ${SSE_WARMUP:-20} - lead ))
  local pid name
  for pid in "$server_pid" "$client_pid"; do
    [[ "$pid" == "$server_pid" ]] && name=server || name=client
    jcmd "$pid" JFR.start name=sse settings=profile "duration=$(( lead + ${SSE_MEASURE:-60} ))s" "filename=$profile/$name.jfr" >/dev/null
  done
  # What the subscribers' heap consists of, taken while they are all still connected.
  sleep $(( lead + ${SSE_MEASURE:-60} ))
  jcmd "$server_pid" GC.class_histogram >"$profile/histogram-server.txt" 2>&1 || true
}

echo "== $subscribers subscribers"
: >"$work/client.txt"
# shellcheck disable=SC2086
java $client_opts -cp "$home/loadtest/sse-client/target/classes:$(cat "$home/loadtest/sse-client/target/classpath.txt")" \
  io.liqheat.loadtest.SseLoadTest --server "http://127.0.0.1:$port" --subscribers "$subscribers" --server-pid "$server_pid" \
  --warmup "${SSE_WARMUP:-20}" --measure "${SSE_MEASURE:-60}" --connect-per-second "${SSE_CONNECT_PER_SECOND:-500}" \
  --asset-share "${SSE_ASSET_SHARE:-0.1}" --ramp-timeout "${SSE_RAMP_TIMEOUT:-900}" >"$work/client.txt" &
client_pid=$!
if [[ -n "$profile" ]]; then
  record_window "$client_pid" &
  recorder_pid=$!
fi
tail -n +1 -f --pid="$client_pid" "$work/client.txt"
wait "$client_pid"

{
  echo "# SSE load test, $(date -u +%FT%TZ)"
  echo "# loadtest/sse-benchmark.sh $subscribers (git $(git -C "$home" describe --always --dirty 2>/dev/null || echo '?'))"
  echo "# machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr)"
  echo "# java: $(java -version 2>&1 | head -n 1)"
  echo "# server: bin/liqheat demo, JVM options: $server_jvm; 9 simulated markets, liqheat.market.publish-interval as configured;"
  echo "#         client and server share the machine and its clock (latency = receipt wall clock - publishedAt)."
  echo
  cat "$work/client.txt"
  echo
  echo "# server log: $(grep -c -E ' (ERROR|WARN) ' "$work/demo.log" || true) WARN/ERROR lines; the last of them:"
  grep -E ' (ERROR|WARN) ' "$work/demo.log" | tail -n 5 || true
} >"$results"
echo "== results in $results"
