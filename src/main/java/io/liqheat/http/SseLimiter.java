package io.liqheat.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open SSE streams per client address, so one client cannot take the node's connections:
 * a stream over the limit is refused with 429 before it starts.
 */
final class SseLimiter {

  private final int maxPerClient;
  private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  SseLimiter(int maxPerClient) {
    this.maxPerClient = maxPerClient;
  }

  /** Takes a slot for {@code client}, or returns false when it holds its limit already. */
  boolean acquire(String client) {
    AtomicInteger count = open.computeIfAbsent(client, key -> new AtomicInteger());
    if (count.incrementAndGet() > maxPerClient) {
      count.decrementAndGet();
      return false;
    }
    total.incrementAndGet();
    return true;
  }

  void release(String client) {
    open.computeIfPresent(client, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    total.decrementAndGet();
  }

  int total() {
    return total.get();
  }
}
