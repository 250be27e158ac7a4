package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.market.Exchange;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowClosed;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class FrozenEventsTest {

  private static final MarketId BTC = new MarketId(Exchange.BINANCE, "BTCUSDT");
  private static final DisplayQuery NARROW = new DisplayQuery(0.02, 0.0, 20, Optional.empty());

  private final AtomicInteger renders = new AtomicInteger();

  private Supplier<ByteString> counting() {
    return () -> ByteString.fromString("render " + renders.incrementAndGet());
  }

  private static WindowClosed window(long start, String checksum) {
    return new WindowClosed(BTC, "v1", start, checksum, 1.0, null, 100.0, null);
  }

  @Test
  void everyClientOfAWindowAndDisplayGetsTheOneRender() {
    FrozenEvents events = new FrozenEvents();
    ByteString first = events.event(window(300_000, "a"), DisplayQuery.DEFAULT, counting());
    // Another WindowClosed object for the same window, as each node's relay may hand over.
    ByteString second = events.event(window(300_000, "a"), DisplayQuery.DEFAULT, counting());
    assertThat(second).isSameAs(first);
    assertThat(renders).hasValue(1);
  }

  @Test
  void otherDisplayParametersAndOtherWindowsRenderTheirOwn() {
    FrozenEvents events = new FrozenEvents();
    events.event(window(300_000, "a"), DisplayQuery.DEFAULT, counting());
    assertThat(events.event(window(300_000, "a"), NARROW, counting()).utf8String()).isEqualTo("render 2");
    assertThat(events.event(window(600_000, "b"), DisplayQuery.DEFAULT, counting()).utf8String()).isEqualTo("render 3");
    assertThat(events.event(window(300_000, "other model"), DisplayQuery.DEFAULT, counting()).utf8String())
        .isEqualTo("render 4");
  }

  @Test
  void theNumberKeptIsBounded() {
    FrozenEvents events = new FrozenEvents();
    for (int i = 0; i <= FrozenEvents.MAX_EVENTS; i++) {
      events.event(window(i * 300_000L, "c" + i), DisplayQuery.DEFAULT, counting());
    }
    // The first was dropped when the limit was reached, so asking again renders it again.
    events.event(window(0, "c0"), DisplayQuery.DEFAULT, counting());
    assertThat(renders).hasValue(FrozenEvents.MAX_EVENTS + 2);
  }
}
