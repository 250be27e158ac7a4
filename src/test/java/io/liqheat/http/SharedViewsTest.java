package io.liqheat.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.market.Exchange;
import io.liqheat.market.LiveFrame;
import io.liqheat.market.MarketId;
import io.liqheat.market.WindowClosed;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
class SharedViewsTest {

  private static final MarketId BTC = new MarketId(Exchange.BINANCE, "BTCUSDT");
  private static final MarketId ETH = new MarketId(Exchange.BINANCE, "ETHUSDT");
  private static final DisplayQuery WIDE = DisplayQuery.DEFAULT;
  private static final DisplayQuery NARROW = new DisplayQuery(0.02, 0.0, 20, Optional.empty());

  @JUnit5TestKit
  final ActorTestKit testKit = new JUnit5TestKitBuilder().withName("SharedViewsTest").build();

  private final AtomicInteger renders = new AtomicInteger();

  private Supplier<RenderedView> counting() {
    return () -> RenderedView.of("render " + renders.incrementAndGet(), "0");
  }

  private static LiveFrame frame(MarketId market, long asOfMs) {
    return new LiveFrame(market, "v1", asOfMs, 100.0, null, null, null, asOfMs);
  }

  @Test
  void clientsOfTheSameViewShareOneRenderUntilAFrameArrives() {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC, ETH));
    SharedViews views = new SharedViews();
    hub.accept(frame(BTC, 1_000));

    RenderedView first = views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), WIDE), hub, counting());
    RenderedView second = views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), WIDE), hub, counting());
    assertThat(second).isSameAs(first);
    assertThat(renders).hasValue(1);

    hub.accept(frame(BTC, 2_000));
    RenderedView afterUpdate = views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), WIDE), hub, counting());
    assertThat(afterUpdate.json()).isEqualTo("render 2");
  }

  @Test
  void otherDisplayParametersAndOtherMarketsRenderTheirOwnView() {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC, ETH));
    SharedViews views = new SharedViews();
    hub.accept(frame(BTC, 1_000));

    views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), WIDE), hub, counting());
    views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), NARROW), hub, counting());
    views.view(new SharedViews.Key("BTC", List.of(BTC, ETH), WIDE), hub, counting());
    assertThat(renders).hasValue(3);

    // An asset view is stale as soon as any one of its markets has a new frame.
    hub.accept(frame(ETH, 1_500));
    assertThat(views.view(new SharedViews.Key("BTC", List.of(BTC, ETH), WIDE), hub, counting()).json()).isEqualTo("render 4");
    assertThat(views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), WIDE), hub, counting()).json()).isEqualTo("render 1");
  }

  @Test
  void aNewlyFrozenWindowInvalidatesTheViewEvenWithoutANewFrame() {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC));
    SharedViews views = new SharedViews();
    hub.accept(frame(BTC, 1_000));
    views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), WIDE), hub, counting());

    hub.accept(new WindowClosed(BTC, "v1", 0, "checksum", 1.0, null, 100.0, null));
    assertThat(views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), WIDE), hub, counting()).json()).isEqualTo("render 2");
  }

  @Test
  void theNumberOfViewsKeptIsBounded() {
    LiveHub hub = new LiveHub(testKit.system(), List.of(BTC));
    SharedViews views = new SharedViews();
    hub.accept(frame(BTC, 1_000));
    for (int i = 0; i <= SharedViews.MAX_VIEWS; i++) {
      DisplayQuery query = new DisplayQuery(0.01 + i * 1e-6, 0.0, 20, Optional.empty());
      views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), query), hub, counting());
    }
    // The first view was dropped when the limit was reached, so asking again renders it again.
    DisplayQuery first = new DisplayQuery(0.01, 0.0, 20, Optional.empty());
    views.view(new SharedViews.Key("binance:BTCUSDT", List.of(BTC), first), hub, counting());
    assertThat(renders).hasValue(SharedViews.MAX_VIEWS + 2);
  }
}
