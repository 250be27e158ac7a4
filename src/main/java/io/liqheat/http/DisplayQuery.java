package io.liqheat.http;

import io.liqheat.model.BandExtractor;
import io.liqheat.model.BandQuery;
import io.liqheat.model.DensityFrame;
import io.liqheat.model.PriceGrid;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A band endpoint's display parameters. They shape what is shown and never touch the estimate: the
 * bands are cut from a copy of the density, which is only read.
 *
 * <ul>
 *   <li>{@code range}: ± percent around the price, 0 < range < 100 (default 10)
 *   <li>{@code minIntensity}: 0..1, bins ranked below are not part of a band (default 0)
 *   <li>{@code maxBands}: the strongest bands per side, 1..100 (default 20)
 *   <li>{@code binWidth}: aggregate the model's bins into bins this wide, in percent of price for
 *       the (default) relative grid, in price units for an absolute one; at least the model's own
 *       bin width, which is the default
 * </ul>
 */
public record DisplayQuery(double range, double minIntensity, int maxBands, Optional<Double> binWidth) {

  public static final DisplayQuery DEFAULT = new DisplayQuery(0.10, 0.0, 20, Optional.empty());

  /** Reads the parameters, refusing bad ones with a 400 that names the parameter and its bounds. */
  public static DisplayQuery from(Map<String, String> params) {
    double range = number(params, "range", 10) / 100;
    if (!(range > 0 && range < 1)) {
      throw ApiException.badRequest("range must be above 0 and below 100 (percent around the price), was " + params.get("range"));
    }
    double minIntensity = number(params, "minIntensity", 0);
    if (!(minIntensity >= 0 && minIntensity <= 1)) {
      throw ApiException.badRequest("minIntensity must be within 0..1, was " + params.get("minIntensity"));
    }
    double maxBands = number(params, "maxBands", 20);
    if (maxBands != Math.rint(maxBands) || maxBands < 1 || maxBands > 100) {
      throw ApiException.badRequest("maxBands must be a whole number within 1..100, was " + params.get("maxBands"));
    }
    Optional<Double> binWidth = Optional.empty();
    if (params.containsKey("binWidth")) {
      double width = number(params, "binWidth", Double.NaN);
      if (!(width > 0)) {
        throw ApiException.badRequest("binWidth must be above 0, was " + params.get("binWidth"));
      }
      binWidth = Optional.of(width);
    }
    return new DisplayQuery(range, minIntensity, (int) maxBands, binWidth);
  }

  /** The density as shown: aggregated to {@code binWidth} when one was asked for. */
  public DensityFrame shape(DensityFrame frame) {
    return binWidth.map(width -> frame.coarsened(coarsening(frame.grid(), width))).orElse(frame);
  }

  /** A frozen frame's bands as shown around {@code price}; none without a frame or a price. */
  public List<BandDto> bands(DensityFrame frame, double price) {
    if (frame == null || !(Double.isFinite(price) && price > 0)) {
      return List.of();
    }
    return BandExtractor.extract(shape(frame), bandQuery(price)).stream().map(BandDto::of).toList();
  }

  public BandQuery bandQuery(double price) {
    return new BandQuery(price, range, minIntensity, maxBands);
  }

  /** How many model bins make one shown bin; the asked width is rounded to a whole number of them. */
  static int coarsening(PriceGrid grid, double width) {
    double modelWidth = grid.kind() == PriceGrid.Kind.RELATIVE ? grid.width() * 100 : grid.width();
    double factor = width / modelWidth;
    if (factor < 0.999) {
      throw ApiException.badRequest("binWidth must be at least the model's bin width " + modelWidth
          + (grid.kind() == PriceGrid.Kind.RELATIVE ? " %" : "") + ", was " + width);
    }
    if (factor > 10_000) {
      throw ApiException.badRequest("binWidth " + width + " is wider than any display needs");
    }
    return (int) Math.max(1, Math.round(factor));
  }

  private static double number(Map<String, String> params, String name, double fallback) {
    String text = params.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a number, was '" + text + "'");
    }
  }
}
