package io.liqheat.http;

import java.util.List;

/**
 * {@code GET /cluster}: the cluster as this node sees it, and what runs here. Operators read it to
 * see where markets went after a rebalance or a failover; {@code cluster/local/status.sh} prints it.
 *
 * @param self this node's address
 * @param leader the leader's address, empty while there is none
 * @param members every member with its status (Joining, Up, Leaving, Exiting, Down, Removed)
 * @param unreachable members the failure detector currently marks unreachable from here
 * @param markets the market entities running on this node, as exchange:SYMBOL
 * @param connectors the exchanges whose connector runs on this node
 */
public record ClusterView(
    String self, String leader, List<Member> members, List<String> unreachable, List<String> markets,
    List<String> connectors) {

  /** One member of the cluster. */
  public record Member(String address, String status) {}
}
