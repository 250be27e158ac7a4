package io.liqheat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.liqheat.cassandra.RunningCassandra;
import io.liqheat.sim.DemoMarkets;
import io.liqheat.sim.SimMarketSpec;
import io.liqheat.sim.SimServer;
import io.liqheat.sim.SimulatedExchange;
import io.liqheat.testing.TestCassandra;
import io.liqheat.testing.TestNodeConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The chart page in a real headless Chromium against a demo set-up in this JVM: the embedded
 * Cassandra, the simulated exchange serving BTC on Binance, Bybit and OKX, and a node whose real
 * connectors read it and whose HTTP API serves the page. The tests run in order on one page.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (see .ci/run); skipped, saying so,
 * where there is no Chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartPageIT {

  private static final Path CHROMIUM = Path.of(System.getProperty("liqheat.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("liqheat.chromedriver", "/usr/bin/chromedriver"));
  /** Backfill, projection and the first stream events take a while on a busy 2-core machine. */
  private static final Duration FIRST_DRAW = Duration.ofMinutes(5);
  private static final Duration STEP = Duration.ofMinutes(2);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static ActorSystem<Void> simulatorSystem;
  private static SimulatedExchange sim;
  private static ServerBinding simBinding;
  private static LiqheatNode node;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "no Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER
            + ": install Debian's chromium and chromium-driver (.ci/run does) to run the browser test");
    RunningCassandra cassandra = TestCassandra.shared();
    simulatorSystem = SimServer.actorSystem();
    // One asset on three exchanges keeps the machine's load down and still has an exchange filter.
    List<SimMarketSpec> btc = DemoMarkets.specs().stream().filter(spec -> spec.market().baseAsset().equals("BTC")).toList();
    sim = new SimulatedExchange(simulatorSystem, btc, 1, Duration.ofHours(2), Clock.systemUTC());
    simBinding = SimServer.start(simulatorSystem, sim, "127.0.0.1", 0).toCompletableFuture().get(30, TimeUnit.SECONDS);
    node = LiqheatNode.start(DemoConfig.pointedAt(
        TestNodeConfig.forCassandraPort(cassandra.cqlPort(), "liqheat.http.port = 0"), simBinding.localAddress().getPort(),
        sim.markets()));

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,900");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    browser.get(node.http().orElseThrow().url() + "?view=asset:BTC&range=12h");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.close();
    }
    if (simBinding != null) {
      simBinding.unbind();
    }
    if (sim != null) {
      sim.close();
    }
    if (simulatorSystem != null) {
      simulatorSystem.terminate();
    }
  }

  @Test
  @Order(1)
  void drawsCandlesWithLongBandsBelowAndShortBandsAbove() throws Exception {
    awaitTrue(FIRST_DRAW, "candles and live bands drawn", () -> number("candlesDrawn") >= 3 && number("liveBandsDrawn") > 0);

    assertThat(number("bandsDrawn")).isGreaterThanOrEqualTo(number("liveBandsDrawn"));
    assertThat(browser.findElement(By.id("chart")).getAttribute("data-candles")).isNotEqualTo("0");
    Map<String, Long> colours = bandPixels();
    assertThat(colours.get("amber")).as("long-band pixels (amber/red)").isPositive();
    assertThat(colours.get("green")).as("short-band pixels (green)").isPositive();
    assertThat(browser.findElement(By.id("disclaimer")).getText())
        .contains("Research view, not a trading signal. Cross-margin positions cannot be seen.");
    screenshot("chart-drawn.png");
  }

  @Test
  @Order(2)
  void anAssetViewsHistorySumsItsMarketsOnePriceRowAtATime() throws Exception {
    awaitTrue(FIRST_DRAW, "history from the heatmap endpoint",
        () -> "heatmap".equals(script("return window.liqheat.historySource;")) && historyCell("total") > 0);

    assertThat(historyCell("duplicates")).as("history cells of one window, side and price range drawn twice").isZero();
    assertThat(historyMarkets()).as("the markets each history cell sums")
        .anySatisfy(markets -> assertThat(markets).contains("binance:BTCUSDT").contains("bybit:BTCUSDT").contains("okx:"));
  }

  @Test
  @Order(3)
  void theOverlayToggleHidesAndRestoresTheBandsButNotTheCandles() throws Exception {
    browser.findElement(By.id("overlay")).click();
    awaitTrue(STEP, "overlay off", () -> !bool("overlayOn") && number("bandsDrawn") == 0);
    assertThat(number("candlesDrawn")).isPositive();
    assertThat(browser.findElement(By.id("chart")).getAttribute("data-overlay")).isEqualTo("false");
    Map<String, Long> colours = bandPixels();
    assertThat(colours.get("amber") + colours.get("green")).as("band pixels with the overlay off").isZero();
    screenshot("chart-overlay-off.png");

    browser.findElement(By.id("overlay")).click();
    awaitTrue(STEP, "overlay on again", () -> bool("overlayOn") && number("bandsDrawn") > 0);
  }

  @Test
  @Order(4)
  void theExchangeFilterReopensTheAssetStreamWithoutTheDroppedExchange() throws Exception {
    assertThat(script("return window.liqheat.exchanges;")).isEqualTo(List.of("binance", "bybit", "okx"));

    browser.findElement(By.cssSelector("#exchanges input[data-exchange='okx']")).click();

    awaitTrue(STEP, "the filtered stream drawing", () -> script("return window.liqheat.exchanges;").equals(List.of("binance", "bybit"))
        && String.valueOf(script("return window.liqheat.streamUrl;")).contains("/assets/BTC/bands/stream?exchanges=binance,bybit&")
        && number("liveBandsDrawn") > 0 && number("candlesDrawn") > 0);
    assertThat(browser.findElement(By.id("chart")).getAttribute("data-exchanges")).isEqualTo("binance,bybit");
    awaitTrue(STEP, "the filtered history", () -> historyCell("total") > 0);
    assertThat(historyMarkets()).as("the markets the filtered history sums").noneSatisfy(markets -> assertThat(markets).contains("okx"));

    // The tooltip of a live band names the markets summed into it: okx is no longer one of them.
    @SuppressWarnings("unchecked")
    Map<String, Object> point = (Map<String, Object>) script("return window.liqheat.bandPoint();");
    assertThat(point).isNotNull();
    WebElement chart = browser.findElement(By.id("chart"));
    int dx = (int) Math.round(((Number) point.get("x")).doubleValue() - chart.getSize().getWidth() / 2.0);
    int dy = (int) Math.round(((Number) point.get("y")).doubleValue() - chart.getSize().getHeight() / 2.0);
    new Actions(browser).moveToElement(chart, dx, dy).perform();
    awaitTrue(STEP, "tooltip shown", () -> browser.findElement(By.id("tooltip")).isDisplayed());
    String tooltip = browser.findElement(By.id("tooltip")).getText();
    assertThat(tooltip).contains("liquidations").contains("$").contains("–").contains("binance:BTCUSDT").doesNotContain("okx");
  }

  @Test
  @Order(5)
  void liveUpdatesArriveAndTheIndicatorSaysLive() throws Exception {
    long before = number("updates");
    awaitTrue(STEP, "a live update after " + before, () -> number("updates") > before);
    awaitTrue(STEP, "indicator live", () -> "true".equals(browser.findElement(By.id("status")).getAttribute("data-live")));
    assertThat(browser.findElement(By.id("status")).getText()).isEqualToIgnoringCase("live");
    assertThat(browser.findElement(By.id("chart")).getAttribute("data-updates")).isNotEqualTo("0");
    Path shot = screenshot("chart-page.png");
    assertThat(Files.size(shot)).isPositive();
  }

  /** Pixels of the canvas in the long (amber to red) and short (green) band colours. */
  private static Map<String, Long> bandPixels() {
    @SuppressWarnings("unchecked")
    List<Number> counts = (List<Number>) script(
        "const c = document.getElementById('chart');"
            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "let amber = 0, green = 0;"
            + "for (let i = 0; i < d.length; i += 4) {"
            + "  if (d[i + 3] === 0) continue;"
            + "  const r = d[i], g = d[i + 1], b = d[i + 2];"
            + "  if (r > 150 && g < 200 && b < 60 && r > g + 30) amber++;"
            + "  else if (g > 100 && g > r + 50 && g > b + 30) green++;"
            + "}"
            + "return [amber, green];");
    return Map.of("amber", counts.get(0).longValue(), "green", counts.get(1).longValue());
  }

  private static long historyCell(String figure) {
    Object value = script("return window.liqheat.historyCells()." + figure + ";");
    return value instanceof Number n ? n.longValue() : 0;
  }

  @SuppressWarnings("unchecked")
  private static List<String> historyMarkets() {
    return (List<String>) script("return window.liqheat.historyCells().markets;");
  }

  private static Object script(String js) {
    return ((JavascriptExecutor) browser).executeScript(js);
  }

  private static long number(String field) {
    Object value = script("return window.liqheat ? window.liqheat." + field + " : 0;");
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static boolean bool(String field) {
    return Boolean.TRUE.equals(script("return window.liqheat." + field + ";"));
  }

  private static Path screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path target = SCREENSHOTS.resolve(name);
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** Polls until the condition holds; fails with the page's exposed state when the deadline passes. */
  private static void awaitTrue(Duration within, String what, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (Boolean.TRUE.equals(condition.get())) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("not within " + within + ": " + what + "; page state: "
        + script("return JSON.stringify(window.liqheat);"));
  }
}
