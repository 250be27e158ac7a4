package io.liqheat.market;

import static io.liqheat.market.MarketFixtures.SECOND;
import static io.liqheat.market.MarketFixtures.closes;
import static io.liqheat.market.MarketFixtures.freezeClosed;
import static io.liqheat.market.MarketFixtures.freshLive;
import static io.liqheat.market.MarketFixtures.heartbeat;
import static io.liqheat.market.MarketFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.model.Step;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Input batches into steps and closed windows, without actors. */
class LiveMarketTest {

  private static final double NAN = Double.NaN;
  private static final long T = window(0);

  private final LiveMarket live = freshLive();

  private static IngestAck ack(int accepted, int late, int invalid) {
    return new IngestAck(accepted, late, invalid, false, false);
  }

  private IngestAck ingest(InputBatch batch) {
    return live.ingest("test", -1, batch);
  }

  private List<ClosedWindow> closeThrough(int k) {
    ingest(heartbeat(closes(k)));
    return live.closedWindows(Integer.MAX_VALUE);
  }

  @Nested
  class Steps {

    @Test
    void oneStepPerOpenInterestObservationWithTheTradesAndMarksSinceThePreviousOne() {
      InputBatch batch = InputBatch.builder()
          .trade(T + 1000, 100, 2, true)
          .mark(T + 1500, 100.5)
          .trade(T + 2000, 104, 1, false)
          .ratio(T + 2500, 1.5)
          .trade(T + 3000, 98, 1, true)
          .mark(T + 3500, 97.5)
          .trade(T + 4000, 101, 4, false)
          .ratio(T + 4500, 1.2)
          .openInterest(T + 5000, 1000, 101_000)
          .trade(T + 6000, 102, 1, true)
          .openInterest(T + 7000, 1010, 103_020)
          .openInterest(T + 8000, 1005, 102_510)
          .build();

      assertThat(ingest(batch)).isEqualTo(ack(12, 0, 0));

      List<ClosedWindow> closed = closeThrough(0);
      assertThat(closed).hasSize(1);
      List<Step> steps = closed.get(0).steps();
      assertThat(steps).containsExactly(
          // OHLC of the four trades, VWAP 806 / 8, mark high/low, taker split 3 buy / 5 sell, the newest ratio.
          new Step(T + 5000, 100, 104, 98, 101, 100.75, 100.5, 97.5, 8, 3, 5, 1.2, 1000, 101_000),
          // One trade since: a flat step at it, no mark seen since the previous step.
          new Step(T + 7000, 102, 102, 102, 102, 102, NAN, NAN, 1, 1, 0, 1.2, 1010, 103_020),
          // No trade since: flat at the last trade price, no volume; the ratio is still the newest.
          new Step(T + 8000, 102, 102, 102, 102, 102, NAN, NAN, 0, 0, 0, 1.2, 1005, 102_510));
      assertThat(closed.get(0).candle()).isEqualTo(new Candle(100, 104, 98, 102, 9));
      assertThat(closed.get(0).oiCloseBase()).isEqualTo(1005);
      assertThat(closed.get(0).oiCloseUsd()).isEqualTo(102_510);
      assertThat(closed.get(0).closePrice()).isEqualTo(102);
      assertThat(live.counters().trades()).isEqualTo(5);
      assertThat(live.counters().steps()).isEqualTo(3);
    }

    @Test
    void stepsSpanBatches() {
      ingest(InputBatch.builder().trade(T + 1000, 100, 1, true).build());
      ingest(InputBatch.builder().trade(T + 2000, 110, 3, false).build());
      ingest(InputBatch.builder().openInterest(T + 3000, 50, 5_500).build());

      assertThat(closeThrough(0).get(0).steps()).containsExactly(
          new Step(T + 3000, 100, 110, 100, 110, 107.5, NAN, NAN, 4, 1, 3, NAN, 50, 5_500));
    }

    @Test
    void anOpenInterestObservationBeforeAnyPriceIsInvalid() {
      assertThat(ingest(InputBatch.builder().openInterest(T + 1000, 1000, 100_000).build()))
          .isEqualTo(ack(0, 0, 1));
      assertThat(live.counters().steps()).isZero();
      assertThat(live.watermarkMs()).isEqualTo(MarketState.NONE);

      // A mark price is enough to place positions at.
      assertThat(ingest(InputBatch.builder().mark(T + 2000, 100).openInterest(T + 3000, 1000, 100_000).build()))
          .isEqualTo(ack(2, 0, 0));
      assertThat(closeThrough(0).get(0).steps()).containsExactly(
          new Step(T + 3000, 100, 100, 100, 100, 100, 100, 100, 0, 0, 0, NAN, 1000, 100_000));
    }

    @Test
    void aTradeAtTheSameTimeAsAnOpenInterestObservationBelongsToItsStep() {
      // Added to the builder in the "wrong" order: the columns are merged by time, ties to the trade.
      InputBatch batch = InputBatch.builder()
          .trade(T + 1000, 100, 1, true)
          .openInterest(T + 2000, 1000, 105_000)
          .ratio(T + 2000, 2.0)
          .mark(T + 2000, 104.9)
          .trade(T + 2000, 105, 2, true)
          .openInterest(T + 3000, 1001, 105_105)
          .build();
      ingest(batch);

      assertThat(closeThrough(0).get(0).steps()).containsExactly(
          new Step(T + 2000, 100, 105, 100, 105, 310.0 / 3, 104.9, 104.9, 3, 3, 0, 2.0, 1000, 105_000),
          new Step(T + 3000, 105, 105, 105, 105, 105, NAN, NAN, 0, 0, 0, 2.0, 1001, 105_105));
    }

    @Test
    void printedLiquidationsAddUpPerSideInUsd() {
      ingest(InputBatch.builder()
          .liquidation(T + 1000, true, 100, 2)
          .liquidation(T + 2000, true, 99, 1)
          .liquidation(T + 3000, false, 101, 3)
          .build());

      ClosedWindow w = closeThrough(0).get(0);
      assertThat(w.printedLongUsd()).isEqualTo(299);
      assertThat(w.printedShortUsd()).isEqualTo(303);
    }
  }

  @Nested
  class Windowing {

    @Test
    void aWindowClosesOnlyWhenTheWatermarkReachesItsEndPlusTheGrace() {
      ingest(InputBatch.builder().trade(T + 10 * SECOND, 100, 1, true).openInterest(T + 10 * SECOND, 10, 1000).build());

      ingest(heartbeat(closes(0) - 1));
      assertThat(live.watermarkMs()).isEqualTo(closes(0) - 1);
      assertThat(live.closedWindows(10)).isEmpty();

      // Within the grace the window still takes input.
      assertThat(ingest(InputBatch.builder().trade(T + 299 * SECOND, 101, 1, false).build())).isEqualTo(ack(1, 0, 0));

      ingest(heartbeat(closes(0)));
      List<ClosedWindow> closed = live.closedWindows(10);
      assertThat(closed).extracting(ClosedWindow::startMs).containsExactly(T);
      assertThat(closed.get(0).candle()).isEqualTo(new Candle(100, 101, 100, 101, 2));
    }

    @Test
    void inputInTheNextWindowAdvancesTheWatermarkToo() {
      ingest(InputBatch.builder().trade(T + 10 * SECOND, 100, 1, true).build());
      ingest(InputBatch.builder().trade(closes(0), 100, 1, true).build());

      assertThat(live.closedWindows(10)).extracting(ClosedWindow::startMs).containsExactly(T);
    }

    @Test
    void closedWindowsStayUntilTheyAreFrozenAndAreReturnedOldestFirstUpToTheLimit() {
      ingest(MarketFixtures.activeWindows(0, 4, closes(4)));

      assertThat(live.closedWindows(2)).extracting(ClosedWindow::startMs).containsExactly(window(0), window(1));
      assertThat(live.closedWindows(10)).extracting(ClosedWindow::startMs)
          .containsExactly(window(0), window(1), window(2), window(3), window(4));

      var frozen = freezeClosed(live, MarketFixtures.emptyState());
      assertThat(frozen.events()).hasSize(5);
      assertThat(live.closedWindows(10)).isEmpty();
    }

    @Test
    void emptyWindowsBetweenInputsCloseWithNoStepsNoCandleCoverageZeroAndTheCarriedCloseAndOi() {
      ingest(MarketFixtures.activeWindows(0, 0, InputBatch.NO_HEARTBEAT));
      ingest(MarketFixtures.activeWindows(3, 3, InputBatch.NO_HEARTBEAT));

      List<ClosedWindow> closed = closeThrough(3);

      assertThat(closed).extracting(ClosedWindow::startMs).containsExactly(window(0), window(1), window(2), window(3));
      ClosedWindow first = closed.get(0);
      for (ClosedWindow empty : closed.subList(1, 3)) {
        assertThat(empty.steps()).isEmpty();
        assertThat(empty.candle()).isNull();
        assertThat(empty.coverage()).isZero();
        assertThat(empty.printedLongUsd()).isZero();
        assertThat(empty.printedShortUsd()).isZero();
        assertThat(empty.closePrice()).isEqualTo(first.candle().close());
        assertThat(empty.oiCloseBase()).isEqualTo(first.oiCloseBase());
        assertThat(empty.oiCloseUsd()).isEqualTo(first.oiCloseUsd());
      }
      assertThat(closed.get(3).steps()).hasSize(2);
    }

    @Test
    void emptyWindowsAfterAFreezeCarryTheFrozenCloseAndOi() {
      ingest(MarketFixtures.activeWindows(0, 1, closes(1)));
      var frozen = freezeClosed(live, MarketFixtures.emptyState());
      WindowFrozen last = frozen.events().get(1);

      List<ClosedWindow> closed = closeThrough(3);

      assertThat(closed).extracting(ClosedWindow::startMs).containsExactly(window(2), window(3));
      for (ClosedWindow empty : closed) {
        assertThat(empty.steps()).isEmpty();
        assertThat(empty.coverage()).isZero();
        assertThat(empty.closePrice()).isEqualTo(last.closePrice());
        assertThat(empty.oiCloseBase()).isEqualTo(last.oiCloseBase());
        assertThat(empty.oiCloseUsd()).isEqualTo(last.oiCloseUsd());
      }
    }

    @Test
    void coverageIsTheShareOfTenSecondSlotsWithInput() {
      ingest(InputBatch.builder()
          .trade(T, 100, 1, true) // slot 0
          .mark(T + 9_999, 100) // slot 0 again
          .ratio(T + 50 * SECOND, 1.1) // slot 5
          .liquidation(T + 100 * SECOND, true, 99, 1) // slot 10
          .trade(T + 150 * SECOND, NAN, 1, true) // invalid: no slot
          .trade(T + 299_999, 100, 1, true) // slot 29
          .build());

      ClosedWindow w = closeThrough(0).get(0);
      // The heartbeat that closed the window is not input either.
      assertThat(w.coverage()).isEqualTo(4.0 / 30);
    }

    @Test
    void aWindowWithInputInEverySlotHasFullCoverage() {
      InputBatchBuilder b = InputBatch.builder();
      for (int slot = 0; slot < 30; slot++) {
        b.trade(T + slot * 10 * SECOND + 3, 100, 1, true);
      }
      ingest(b.build());

      assertThat(closeThrough(0).get(0).coverage()).isEqualTo(1.0);
    }
  }

  @Nested
  class LateInvalidAndDuplicate {

    @Test
    void inputForAFrozenWindowIsLateAndChangesNothing() {
      ingest(MarketFixtures.activeWindows(0, 0, closes(0)));
      freezeClosed(live, MarketFixtures.emptyState());
      ingest(InputBatch.builder().trade(window(1) + SECOND, 61_000, 1, true).build());
      String checksum = live.liveChecksum();
      double price = live.price();
      long watermark = live.watermarkMs();
      MarketCounters before = live.counters();

      IngestAck ack = ingest(InputBatch.builder()
          .trade(T + 100 * SECOND, 50_000, 1, true)
          .mark(T + 100 * SECOND, 50_000)
          .ratio(T + 100 * SECOND, 3)
          .liquidation(T + 100 * SECOND, false, 50_000, 1)
          .openInterest(T + 250 * SECOND, 2000, 100_000_000)
          .trade(window(1) + 5 * SECOND, 61_001, 1, false) // the open window still takes input
          .build());

      assertThat(ack).isEqualTo(ack(1, 5, 0));
      assertThat(live.counters().late()).isEqualTo(before.late() + 5);
      assertThat(live.counters().trades()).isEqualTo(before.trades() + 1);
      assertThat(live.counters().steps()).isEqualTo(before.steps());
      assertThat(live.liveChecksum()).isEqualTo(checksum);
      assertThat(watermark).isEqualTo(closes(0));
      assertThat(live.watermarkMs()).isEqualTo(window(1) + 5 * SECOND);
      assertThat(price).isEqualTo(61_000);
      assertThat(live.price()).isEqualTo(61_001);
    }

    @Test
    void anOpenInterestObservationOlderThanTheModelsLastStepIsLate() {
      ingest(InputBatch.builder().trade(T + 10 * SECOND, 100, 1, true).openInterest(T + 60 * SECOND, 10, 1000).build());
      String checksum = live.liveChecksum();

      assertThat(ingest(InputBatch.builder().openInterest(T + 30 * SECOND, 11, 1100).build())).isEqualTo(ack(0, 1, 0));
      assertThat(live.liveChecksum()).isEqualTo(checksum);
      // The same time again is not older: it makes a step.
      assertThat(ingest(InputBatch.builder().openInterest(T + 60 * SECOND, 12, 1200).build())).isEqualTo(ack(1, 0, 0));

      assertThat(closeThrough(0).get(0).steps()).extracting(Step::oiBase).containsExactly(10.0, 12.0);
    }

    @Test
    void invalidValuesAreCountedAndSkippedWithoutChangingAnything() {
      InputBatch valid = MarketFixtures.activeWindows(0, 0, InputBatch.NO_HEARTBEAT);
      LiveMarket reference = freshLive();
      reference.ingest("test", -1, valid);
      ingest(valid);
      String checksum = live.liveChecksum();
      double price = live.price();
      long watermark = live.watermarkMs();
      MarketCounters before = live.counters();

      long t = T + 290 * SECOND; // later than anything valid: it would move the watermark and coverage
      IngestAck ack = ingest(InputBatch.builder()
          .trade(t, NAN, 1, true)
          .trade(t, 60_000, -1, true)
          .trade(t, 0, 1, true)
          .trade(t, Double.POSITIVE_INFINITY, 1, true)
          .trade(t, 60_000, NAN, true)
          .mark(t, NAN)
          .mark(t, -60_000)
          .ratio(t, NAN)
          .ratio(t, -1)
          .liquidation(t, true, NAN, 1)
          .liquidation(t, false, 60_000, -2)
          .openInterest(t, NAN, 1000)
          .openInterest(t, 1000, -1)
          .build());

      assertThat(ack).isEqualTo(ack(0, 0, 13));
      assertThat(live.counters()).isEqualTo(new MarketCounters(before.accepted(), before.late(), before.invalid() + 13,
          before.trades(), before.steps(), before.lastInputMs()));
      assertThat(live.liveChecksum()).isEqualTo(checksum);
      assertThat(live.price()).isEqualTo(price);
      assertThat(live.watermarkMs()).isEqualTo(watermark);

      reference.ingest("test", -1, heartbeat(closes(0)));
      assertThat(closeThrough(0)).isEqualTo(reference.closedWindows(Integer.MAX_VALUE));
    }

    @Test
    void aRepeatedBatchIsAcknowledgedAsDuplicateAndIgnored() {
      InputBatch first = MarketFixtures.activeWindows(0, 0, InputBatch.NO_HEARTBEAT);
      assertThat(live.ingest("ws", 1, first).duplicate()).isFalse();
      MarketCounters counters = live.counters();
      String checksum = live.liveChecksum();

      assertThat(live.ingest("ws", 1, first)).isEqualTo(IngestAck.DUPLICATE);
      assertThat(live.ingest("ws", 0, first)).isEqualTo(IngestAck.DUPLICATE);
      assertThat(live.counters()).isEqualTo(counters);
      assertThat(live.liveChecksum()).isEqualTo(checksum);

      InputBatch next = InputBatch.builder().trade(window(1), 61_000, 1, true).build();
      assertThat(live.ingest("ws", 2, next)).isEqualTo(ack(1, 0, 0));
      // Sequences are per source.
      assertThat(live.ingest("rest", 1, next)).isEqualTo(ack(1, 0, 0));
      // A negative sequence turns the check off.
      assertThat(live.ingest("ws", -1, next)).isEqualTo(ack(1, 0, 0));
      assertThat(live.ingest("ws", -1, next)).isEqualTo(ack(1, 0, 0));
      assertThat(live.counters().trades()).isEqualTo(counters.trades() + 4);
    }
  }

  @Nested
  class Heartbeats {

    @Test
    void aHeartbeatAloneCannotStartHistory() {
      assertThat(ingest(heartbeat(closes(5)))).isEqualTo(ack(0, 0, 0));

      assertThat(live.watermarkMs()).isEqualTo(MarketState.NONE);
      assertThat(live.closedWindows(10)).isEmpty();
    }

    @Test
    void aHeartbeatAdvancesTheWatermarkOnceHistoryStartedAndNeverMovesItBack() {
      ingest(InputBatch.builder().trade(T + 10 * SECOND, 100, 1, true).build());
      assertThat(live.watermarkMs()).isEqualTo(T + 10 * SECOND);

      ingest(heartbeat(T + 100 * SECOND));
      assertThat(live.watermarkMs()).isEqualTo(T + 100 * SECOND);
      ingest(heartbeat(T + 50 * SECOND));
      assertThat(live.watermarkMs()).isEqualTo(T + 100 * SECOND);
      // A heartbeat in the same batch as the market's first input counts too.
      LiveMarket other = freshLive();
      other.ingest("test", -1, InputBatch.builder().trade(T, 100, 1, true).heartbeat(closes(1)).build());
      assertThat(other.closedWindows(10)).extracting(ClosedWindow::startMs).containsExactly(window(0), window(1));
    }

    @Test
    void afterRecoveryAHeartbeatClosesTheWindowsAfterTheLastFrozenOne() {
      ingest(MarketFixtures.activeWindows(0, 1, closes(1)));
      MarketState state = freezeClosed(live, MarketFixtures.emptyState()).state();

      LiveMarket recovered = new LiveMarket(MarketFixtures.MARKET, MarketFixtures.calibration(), MarketFixtures.settings());
      recovered.recovered(state);
      assertThat(recovered.liveChecksum()).isEqualTo(live.liveChecksum());
      recovered.ingest("test", -1, heartbeat(closes(3)));

      assertThat(recovered.closedWindows(10)).extracting(ClosedWindow::startMs).containsExactly(window(2), window(3));
    }

    @Test
    void windowsClosedAfterRecoveryEqualThoseOfAMarketThatNeverStopped() {
      // The last trade of window 1 comes after its last OI observation, so the window's close is
      // not the model's last step price.
      InputBatch input = MarketFixtures.closeAfterLastOpenInterest();
      ingest(input);
      MarketState state = freezeClosed(live, MarketFixtures.emptyState()).state();
      // MarketState is mutable: each market freezes on from its own copy.
      MarketState journalCopy = MarketState.of(state.toSnapshot());
      LiveMarket recovered = new LiveMarket(MarketFixtures.MARKET, MarketFixtures.calibration(), MarketFixtures.settings());
      recovered.recovered(journalCopy);

      ingest(heartbeat(closes(3)));
      recovered.ingest("test", -1, heartbeat(closes(3)));

      List<WindowFrozen> continued = freezeClosed(live, state).events();
      List<WindowFrozen> afterRecovery = freezeClosed(recovered, journalCopy).events();
      assertThat(continued).extracting(WindowFrozen::closePrice).containsExactly(60_900.0, 60_900.0);
      assertThat(afterRecovery).isEqualTo(continued);
    }
  }

  /** A market fed by connectors starts over after a failover or hand-over: the gap is filled before live input. */
  @Nested
  class BackfillAfterStart {

    private LiveMarket restartedFrom(MarketState journal) {
      LiveMarket restarted = new LiveMarket(MarketFixtures.MARKET, MarketFixtures.calibration(),
          MarketFixtures.settings().withBackfillAfterStart(true));
      restarted.recovered(MarketState.of(journal.toSnapshot()));
      return restarted;
    }

    private MarketState frozenThroughWindowOne() {
      ingest(MarketFixtures.activeWindows(0, 1, closes(1)));
      return freezeClosed(live, MarketFixtures.emptyState()).state();
    }

    @Test
    void liveInputWaitsForTheBackfillAndIsThenAppliedWithoutWhatTheBackfillCovered() {
      LiveMarket restarted = restartedFrom(frozenThroughWindowOne());
      InputBatch live = InputBatch.builder()
          .trade(window(2) + 50_000, 101, 1, true)
          .trade(window(2) + 70_000, 102, 1, true)
          .build();

      assertThat(restarted.ingest("binance-ws-1@run", 1, live)).isEqualTo(IngestAck.BACKFILL_NEEDED);
      assertThat(restarted.counters().trades()).isZero();
      assertThat(restarted.awaitingBackfill()).isTrue();

      // History through window(2) + 60 s: the first live trade is in it already, the second is not.
      InputBatch history = InputBatch.builder().trade(window(2) + 1000, 99, 2, false).heartbeat(window(2) + 59_999).build();
      assertThat(restarted.ingest(LiveMarket.BACKFILL_SOURCE + "@run", 1, history)).isEqualTo(ack(1, 0, 0));

      assertThat(restarted.awaitingBackfill()).isFalse();
      assertThat(restarted.counters().trades()).isEqualTo(2);
      assertThat(restarted.currentCandle()).isEqualTo(new Candle(99, 102, 99, 102, 3));
      // The held batch was applied under its sequence: sent again, it is a duplicate.
      assertThat(restarted.ingest("binance-ws-1@run", 1, live)).isEqualTo(IngestAck.DUPLICATE);
    }

    @Test
    void beyondTheLimitTheOldestHeldBatchesAreDroppedAndCountedLate() {
      LiveMarket restarted = restartedFrom(frozenThroughWindowOne());
      for (int i = 0; i <= LiveMarket.MAX_HELD_BATCHES; i++) {
        restarted.ingest("okx-ws", i + 1, InputBatch.builder().trade(window(3) + i, 100, 1, true).build());
      }
      restarted.ingest(LiveMarket.BACKFILL_SOURCE, -1, InputBatch.builder().build());

      assertThat(restarted.counters().late()).isEqualTo(1);
      assertThat(restarted.counters().trades()).isEqualTo(LiveMarket.MAX_HELD_BATCHES);
    }

    @Test
    void anEmptyBackfillReleasesTheMarketToo() {
      LiveMarket restarted = restartedFrom(frozenThroughWindowOne());
      assertThat(restarted.ingest(LiveMarket.BACKFILL_SOURCE, -1, InputBatch.builder().build())).isEqualTo(ack(0, 0, 0));
      assertThat(restarted.awaitingBackfill()).isFalse();
    }

    @Test
    void theBackfillStartsWhereTheJournalEndsAndClosesNoWindowByItself() {
      LiveMarket restarted = restartedFrom(frozenThroughWindowOne());
      assertThat(restarted.watermarkMs()).isEqualTo(window(2) - 1);
      assertThat(restarted.closedWindows(10)).isEmpty();
    }

    @Test
    void aMarketWithoutHistoryWaitsForItsFirstBackfillAndHasNoWatermark() {
      LiveMarket fresh = restartedFrom(MarketFixtures.emptyState());
      assertThat(fresh.watermarkMs()).isEqualTo(MarketState.NONE);
      assertThat(fresh.ingest("okx-ws", 1, InputBatch.builder().trade(T, 100, 1, true).build()))
          .isEqualTo(IngestAck.BACKFILL_NEEDED);
    }

    @Test
    void withoutTheSettingLiveInputIsTakenAtOnce() {
      LiveMarket restarted = new LiveMarket(MarketFixtures.MARKET, MarketFixtures.calibration(), MarketFixtures.settings());
      restarted.recovered(MarketState.of(frozenThroughWindowOne().toSnapshot()));
      assertThat(restarted.ingest("replay", 1, InputBatch.builder().trade(window(2) + 1, 100, 1, true).build()))
          .isEqualTo(ack(1, 0, 0));
    }
  }
}
