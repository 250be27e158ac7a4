package io.liqheat.cli;

import io.liqheat.history.ReplayReport;
import java.io.PrintWriter;
import java.util.Locale;

/** How a rebuild or a verification states its figures. */
final class ReplayReportOutput {

  private ReplayReportOutput() {}

  /** {@code 3 markets, 12000 frames (24000 rows) in 0.81 s: 14815 frames/s}. */
  static String figures(ReplayReport report) {
    return String.format(Locale.ROOT, "%d markets, %d frames (%d rows) in %.2f s: %.0f frames/s",
        report.markets(), report.frames(), report.rows(), report.seconds(), report.framesPerSecond());
  }
}
