package io.liqheat.history;

import java.util.List;

/**
 * What one pass over a market's journal does with each window.
 *
 * @param checkJournal check each event's checksum, the hash chain, and recompute its frame from its
 *     steps under the event's own calibration
 * @param recordedRows produce the read-side row of each event, under the event's own model version
 * @param derivedVersions produce a row of each of these versions too, the window frozen anew under
 *     that calibration
 * @param refuseRecordedVersion a derived version that is the events' own is an error rather than
 *     skipped: asked for on its own ({@code rebuild --model-version}) it is a mistake, while a read-side
 *     rebuild merely finds that version's partitions among the others
 */
record ReplayPlan(boolean checkJournal, boolean recordedRows, List<String> derivedVersions, boolean refuseRecordedVersion) {

  ReplayPlan {
    derivedVersions = List.copyOf(derivedVersions);
  }
}
