package io.liqheat.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.liqheat.market.IngestAck;
import io.liqheat.market.InputBatch;
import io.liqheat.market.MarketId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;

class MarketLanesTest {

  private static final MarketId STUCK = MarketId.parse("binance:BTCUSDT");
  private static final MarketId LIVELY = MarketId.parse("binance:ETHUSDT");
  private static final IngestAck OK = new IngestAck(1, 0, 0, false, false);

  /** A sink whose answers the test gives: every delivery waits until the test completes it. */
  private static final class HeldSink implements MarketInputSink {
    final List<MarketId> markets = new ArrayList<>();
    final List<InputBatch> batches = new ArrayList<>();
    final List<CompletableFuture<IngestAck>> answers = new ArrayList<>();

    @Override
    public synchronized CompletionStage<IngestAck> deliver(String source, MarketId market, InputBatch batch) {
      CompletableFuture<IngestAck> answer = new CompletableFuture<>();
      markets.add(market);
      batches.add(batch);
      answers.add(answer);
      return answer;
    }

    @Override
    public CompletionStage<OptionalLong> watermark(MarketId market) {
      return CompletableFuture.completedFuture(OptionalLong.empty());
    }

    synchronized List<InputBatch> deliveredTo(MarketId market) {
      List<InputBatch> result = new ArrayList<>();
      for (int i = 0; i < markets.size(); i++) {
        if (markets.get(i).equals(market)) {
          result.add(batches.get(i));
        }
      }
      return result;
    }

    /** Answers the oldest unanswered delivery to {@code market}. */
    synchronized void answer(MarketId market, IngestAck ack) {
      answerWith(market, answer -> answer.complete(ack));
    }

    synchronized void fail(MarketId market, Throwable failure) {
      answerWith(market, answer -> answer.completeExceptionally(failure));
    }

    private void answerWith(MarketId market, java.util.function.Consumer<CompletableFuture<IngestAck>> how) {
      for (int i = 0; i < markets.size(); i++) {
        if (markets.get(i).equals(market) && !answers.get(i).isDone()) {
          how.accept(answers.get(i));
          return;
        }
      }
      throw new AssertionError("no unanswered delivery to " + market);
    }
  }

  private final HeldSink sink = new HeldSink();

  private MarketLanes lanes(int maxPendingInputs) {
    ConnectorMonitor monitor = new ConnectorMonitor("binance", "test", Duration.ofSeconds(30), Clock.systemUTC());
    return new MarketLanes("live", sink, monitor,
        new DeliverySettings(Duration.ofSeconds(3), Duration.ofSeconds(60), maxPendingInputs));
  }

  private static InputBatch trades(long... times) {
    var builder = InputBatch.builder();
    for (long time : times) {
      builder.trade(time, 100.0 + time, 1.0, true);
    }
    return builder.build();
  }

  private static Map<MarketId, InputBatch> group(MarketId market, InputBatch batch, Object... more) {
    Map<MarketId, InputBatch> group = new LinkedHashMap<>();
    group.put(market, batch);
    for (int i = 0; i < more.length; i += 2) {
      group.put((MarketId) more[i], (InputBatch) more[i + 1]);
    }
    return group;
  }

  @Test
  void aMarketThatDoesNotAnswerHoldsBackOnlyItself() {
    MarketLanes lanes = lanes(1000);

    assertThat(lanes.offer(group(STUCK, trades(1), LIVELY, trades(1)))).isCompleted();
    sink.answer(LIVELY, OK);
    assertThat(lanes.offer(group(STUCK, trades(2), LIVELY, trades(2)))).isCompleted();
    sink.answer(LIVELY, OK);
    assertThat(lanes.offer(group(STUCK, trades(3), LIVELY, trades(3)))).isCompleted();

    assertThat(sink.deliveredTo(LIVELY)).extracting(batch -> batch.tradeTimes()[0]).containsExactly(1L, 2L, 3L);
    assertThat(sink.deliveredTo(STUCK)).hasSize(1);
  }

  @Test
  void whatWaitsBehindADeliveryGoesNextAsOneBatchInArrivalOrder() {
    MarketLanes lanes = lanes(1000);
    lanes.offer(group(STUCK, trades(1)));
    lanes.offer(group(STUCK, trades(2, 3)));
    lanes.offer(group(STUCK, trades(4)));

    sink.answer(STUCK, OK);

    List<InputBatch> delivered = sink.deliveredTo(STUCK);
    assertThat(delivered).hasSize(2);
    assertThat(delivered.get(1).tradeTimes()).containsExactly(2L, 3L, 4L);
    assertThat(delivered.get(1).tradePrices()).containsExactly(102.0, 103.0, 104.0);
  }

  @Test
  void aFullLaneHoldsTheConnectionUntilItsDeliveryIsAnswered() {
    MarketLanes lanes = lanes(3);
    lanes.offer(group(STUCK, trades(1)));
    assertThat(lanes.offer(group(STUCK, trades(2, 3)))).isCompleted();

    CompletionStage<Done> overFull = lanes.offer(group(STUCK, trades(4, 5)));
    assertThat(overFull).isNotCompleted();

    sink.answer(STUCK, OK);
    assertThat(overFull).isCompleted();
    assertThat(sink.deliveredTo(STUCK).get(1).tradeTimes()).containsExactly(2L, 3L, 4L, 5L);
  }

  @Test
  void aDeliveryThatFailsForGoodFailsTheConnectionsOffersAndReleasesWaiters() {
    MarketLanes lanes = lanes(1);
    lanes.offer(group(STUCK, trades(1), LIVELY, trades(1)));
    CompletionStage<Done> waiting = lanes.offer(group(STUCK, trades(2, 3)));
    assertThat(waiting).isNotCompleted();

    sink.fail(STUCK, new IllegalStateException("gave up"));

    assertThat(waiting).isCompletedExceptionally();
    assertThat(lanes.offer(group(LIVELY, trades(2)))).isCompletedExceptionally();
    assertThat(sink.deliveredTo(STUCK)).as("nothing more is sent to the failed market").hasSize(1);
  }

  @Test
  void closingDropsWhatIsPendingSinceTheNextConnectionsBackfillCoversIt() {
    MarketLanes lanes = lanes(1);
    lanes.offer(group(STUCK, trades(1)));
    CompletionStage<Done> waiting = lanes.offer(group(STUCK, trades(2, 3)));

    lanes.close();
    assertThat(waiting).as("a closed connection holds nobody").isCompleted();
    sink.answer(STUCK, OK);

    assertThat(sink.deliveredTo(STUCK)).hasSize(1);
  }

  @Test
  void aLaneWhoseDeliveryWasAnsweredSendsTheNextBatchAtOnce() {
    MarketLanes lanes = lanes(1000);
    lanes.offer(group(STUCK, trades(1)));
    sink.answer(STUCK, OK);

    lanes.offer(group(STUCK, trades(2)));

    assertThat(sink.deliveredTo(STUCK)).extracting(batch -> batch.tradeTimes()[0]).containsExactly(1L, 2L);
  }
}
