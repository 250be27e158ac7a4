# Sourced by the benchmarks that need a Cassandra of their own: a scratch work directory with a
# config that includes conf/liqheat.conf and moves the embedded node's data and ports there, so a
# benchmark never touches var/cassandra or a running demo. The node is stopped and the directory
# removed on exit.
#
#   source "$home/loadtest/scratch-cassandra.sh"; scratch_cassandra CQL_PORT STORAGE_PORT
# sets: work (the directory), config (the config file to pass with --config).
scratch_cassandra() {
  local cql_port="$1" storage_port="$2"
  work="$(mktemp -d)"
  config="$work/bench.conf"
  cat >"$config" <<CONF
include "$home/conf/liqheat.conf"
liqheat.cassandra.embedded { data-dir = "$work/cassandra", cql-port = $cql_port, storage-port = $storage_port }
CONF
  trap '"$home/bin/liqheat" cassandra stop --config "$config" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
}
