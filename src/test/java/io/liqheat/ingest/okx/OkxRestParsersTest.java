package io.liqheat.ingest.okx;

import static io.liqheat.ingest.okx.OkxFixtures.BTC;
import static io.liqheat.ingest.okx.OkxFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liqheat.ingest.BackfillInputs;
import io.liqheat.ingest.KlineBar;
import io.liqheat.ingest.MarketInput;
import io.liqheat.market.MarketId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OkxRestParsersTest {

  @Test
  void instrumentGivesTheContractValue() {
    assertThat(OkxInstrumentParser.parse(read("instruments.json"), BTC)).isEqualTo(new OkxInstrument(BTC, 0.01, false));
    MarketId inverse = MarketId.parse("okx:BTC-USD-SWAP");
    assertThat(OkxInstrumentParser.parse(read("instruments-inverse.json"), inverse))
        .isEqualTo(new OkxInstrument(inverse, 100, true));
  }

  @Test
  void unknownInstrumentIsOkxsError51001() {
    assertThatThrownBy(() -> OkxInstrumentParser.parse(read("instrument-unknown.json"), BTC))
        .isInstanceOfSatisfying(OkxApiException.class, e -> assertThat(e.code()).isEqualTo("51001"));
  }

  @Test
  void historyCandlesKeepClosedOnesWithBaseAndQuoteVolume() {
    List<KlineBar> bars = OkxCandleParser.bars(read("history-candles.json"));

    // The first row (confirm 0) is still open and left out; volCcy is base, volCcyQuote the USD volume.
    assertThat(bars).containsExactly(
        new KlineBar(1718000040000L, 1718000099999L, 64250, 64262.5, 64240.3, 64260.1, 31.005, Double.NaN, 1992210.44),
        new KlineBar(1717999980000L, 1718000039999L, 64255.5, 64258, 64244, 64250, 24.8, Double.NaN, 1593546.2));
  }

  @Test
  void openInterestVolumeIsInUsdAndConvertedAtTheCandleClose() {
    List<OkxOpenInterestVolumeParser.Point> points = OkxOpenInterestVolumeParser.points(read("open-interest-volume.json"));
    assertThat(points).containsExactly(
        new OkxOpenInterestVolumeParser.Point(1718000100000L, 5713028741.6898, 39800873.554),
        new OkxOpenInterestVolumeParser.Point(1717999800000L, 5712000000.0, 41200000.5));

    List<KlineBar> bars = OkxCandleParser.bars(read("history-candles.json")).stream()
        .sorted(java.util.Comparator.comparingLong(KlineBar::openTimeMs)).toList();
    List<BackfillInputs.OpenInterestPoint> inBase = OkxHistory.inBase(points, bars);
    // 1718000100000 falls after the candle opened at ...040000 (close 64260.1); the older point precedes
    // every candle and takes the first one's open.
    assertThat(inBase).containsExactly(
        new BackfillInputs.OpenInterestPoint(1718000100000L, 5713028741.6898 / 64260.1, 5713028741.6898),
        new BackfillInputs.OpenInterestPoint(1717999800000L, 5712000000.0 / 64255.5, 5712000000.0));
  }

  @Test
  void ratioPollYieldsTheNewestPointForEveryMarketOfTheCurrency() {
    MarketId inverse = MarketId.parse("okx:BTC-USD-SWAP");
    OkxFixtures.Recorder recorder = new OkxFixtures.Recorder();

    new OkxRatioParser(List.of(BTC, inverse)).parse(read("long-short-account-ratio.json"), recorder);

    assertThat(recorder.malformed).isEmpty();
    assertThat(recorder.inputs).containsExactly(
        new MarketInput.LongShortRatio(BTC, 1718000100000L, 1.25),
        new MarketInput.LongShortRatio(inverse, 1718000100000L, 1.25));
    assertThat(OkxRatioParser.points(read("long-short-account-ratio.json"))).hasSize(2);
  }

  @Test
  void malformedRestAnswersAreReported() {
    OkxFixtures.Recorder recorder = new OkxFixtures.Recorder();
    OkxRatioParser parser = new OkxRatioParser(List.of(BTC));

    parser.parse(read("rate-limited.json"), recorder);
    parser.parse("{\"code\":\"0\",\"msg\":\"\",\"data\":[[\"1718000100000\",\"lots\"]]}", recorder);
    parser.parse("{\"code\":\"0\",\"msg\":\"\",\"data\":[[\"1718000100000\",\"1.2\"]", recorder);
    parser.parse("{\"code\":\"0\",\"msg\":\"\"}", recorder);

    assertThat(recorder.inputs).isEmpty();
    assertThat(recorder.malformed).extracting(OkxFixtures.Malformed::reason)
        .containsExactly("OKX error 50011", "non-numeric ratio", "invalid JSON", "missing field data");
    assertThatThrownBy(() -> OkxCandleParser.bars("{\"code\":\"0\",\"msg\":\"\",\"data\":[[\"1\",\"x\",\"1\",\"1\",\"1\",\"1\",\"1\",\"1\",\"1\"]]}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void subscribeFrameCoversEveryChannel() {
    String frame = OkxSubscriptions.subscribe(List.of(BTC));

    assertThat(frame).isEqualTo("{\"op\":\"subscribe\",\"args\":["
        + "{\"channel\":\"trades\",\"instId\":\"BTC-USDT-SWAP\"},"
        + "{\"channel\":\"open-interest\",\"instId\":\"BTC-USDT-SWAP\"},"
        + "{\"channel\":\"mark-price\",\"instId\":\"BTC-USDT-SWAP\"},"
        + "{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"}]}");
  }
}
