package io.liqheat.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads calibrations from HOCON under {@code liqheat.model}. Every mistake becomes an {@link
 * InvalidCalibrationException} that names the full key, so a bad config stops start-up with a
 * message a person can act on.
 *
 * <p>It only reads an already-parsed {@link Config}; finding and parsing files is the caller's job.
 */
public final class CalibrationLoader {

  public static final String ROOT = "liqheat.model";

  private CalibrationLoader() {}

  /** The version the service runs live: {@code liqheat.model.version}. */
  public static Calibration active(Config config) {
    String version = read(config, ROOT + ".version", () -> config.getString(ROOT + ".version"));
    return load(config, version);
  }

  /** The calibration named {@code version}, from {@code liqheat.model.versions.<version>}. */
  public static Calibration load(Config config, String version) {
    String path = ROOT + ".versions." + version;
    if (!config.hasPath(path)) {
      throw new InvalidCalibrationException(
          path, "no such model version; configured: " + configuredVersions(config));
    }
    Config block = config.getConfig(path);
    try {
      return new Calibration(
          version,
          doubles(block, path, "leverage-tiers"),
          doubles(block, path, "tier-weights"),
          brackets(block.getConfigList("mmr-brackets"), path + ".mmr-brackets"),
          bracketsByMarket(block, path),
          enumValue(TierBracketRule.class, block, path, "tier-bracket"),
          grid(block, path),
          block.getDouble("book-range"),
          enumValue(SplitSource.class, block, path, "split.source"),
          block.getDouble("split.candle-bias"),
          enumValue(ClosingRule.class, block, path, "closing-rule"),
          block.getDouble("seed.band"),
          block.getInt("seed.points"),
          halfLives(block, path),
          block.getDouble("turnover.per-volume"),
          block.getDouble("turnover.per-range"),
          block.getDouble("turnover.max-per-step"),
          block.getDouble("range-blend"));
    } catch (InvalidCalibrationException e) {
      if (e.key().startsWith(ROOT)) {
        throw e;
      }
      throw new InvalidCalibrationException(path + "." + e.key(), problemOf(e));
    } catch (ConfigException e) {
      throw new InvalidCalibrationException(path, e.getMessage());
    }
  }

  public static List<String> configuredVersions(Config config) {
    if (!config.hasPath(ROOT + ".versions")) {
      return List.of();
    }
    return new ArrayList<>(new TreeMap<>(config.getConfig(ROOT + ".versions").root()).keySet());
  }

  private static String problemOf(InvalidCalibrationException e) {
    return e.getMessage().substring(e.key().length() + 2);
  }

  private static double[] doubles(Config block, String path, String key) {
    List<Double> values = read(block, path + "." + key, () -> block.getDoubleList(key));
    double[] result = new double[values.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = values.get(i);
    }
    return result;
  }

  private static double[] halfLives(Config block, String path) {
    List<Duration> values = read(block, path + ".decay-half-life", () -> block.getDurationList("decay-half-life"));
    double[] result = new double[values.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = values.get(i).toMillis();
    }
    return result;
  }

  private static PriceGrid grid(Config block, String path) {
    PriceGrid.Kind kind = enumValue(PriceGrid.Kind.class, block, path, "grid.kind");
    double width = read(block, path + ".grid.width", () -> block.getDouble("grid.width"));
    if (!(Double.isFinite(width) && width > 0) || (kind == PriceGrid.Kind.RELATIVE && width >= 0.1)) {
      throw new InvalidCalibrationException(
          path + ".grid.width",
          kind == PriceGrid.Kind.RELATIVE
              ? "a relative bin width must be above 0 and below 0.1 (10 %), was " + width
              : "an absolute tick must be above 0, was " + width);
    }
    return PriceGrid.of(kind, width);
  }

  private static SortedMap<String, List<MmrBracket>> bracketsByMarket(Config block, String path) {
    SortedMap<String, List<MmrBracket>> result = new TreeMap<>();
    if (!block.hasPath("mmr-brackets-by-market")) {
      return result;
    }
    Config byMarket = block.getConfig("mmr-brackets-by-market");
    for (String market : new TreeMap<>(byMarket.root()).keySet()) {
      String key = "mmr-brackets-by-market.\"" + market + "\"";
      result.put(market, brackets(block.getConfigList(key), path + "." + key));
    }
    return result;
  }

  private static List<MmrBracket> brackets(List<? extends Config> rows, String path) {
    List<MmrBracket> brackets = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Config row = rows.get(i);
      String rowPath = path + "[" + i + "]";
      brackets.add(new MmrBracket(
          read(row, rowPath + ".notional-up-to-usd", () -> row.getDouble("notional-up-to-usd")),
          read(row, rowPath + ".mmr", () -> row.getDouble("mmr")),
          read(row, rowPath + ".max-leverage", () -> row.getDouble("max-leverage"))));
    }
    return brackets;
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, Config block, String path, String key) {
    String raw = read(block, path + "." + key, () -> block.getString(key));
    String name = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new InvalidCalibrationException(path + "." + key, "'" + raw + "' is not one of " + allowed);
  }

  private static <T> T read(Config config, String fullKey, java.util.function.Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ConfigException.Missing e) {
      throw new InvalidCalibrationException(fullKey, "is missing");
    } catch (ConfigException e) {
      throw new InvalidCalibrationException(fullKey, e.getMessage());
    }
  }
}
