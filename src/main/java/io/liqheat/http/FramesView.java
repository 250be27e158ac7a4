package io.liqheat.http;

import java.util.List;

/**
 * The answer of {@code GET /markets/{id}/frames}: the frozen frames of windows starting in
 * {@code [from, to)}, oldest first.
 *
 * @param immutable whether the whole range lies before the end of the newest frozen window, so the
 *     answer can never change (and is served as cacheable forever)
 * @param newestFrozenWindow start of the newest window the read side holds with every earlier one,
 *     epoch ms; null when it holds none of this market and model version
 * @param limits what the estimate cannot know; every surface shows it
 */
public record FramesView(
    String market,
    String modelVersion,
    long from,
    long to,
    boolean immutable,
    Long newestFrozenWindow,
    List<FrameDto> frames,
    String limits) {}
