package io.opsline.metrics.internal.ingest;

import java.util.List;

import io.opsline.metrics.SeriesData;

/**
 * A decoded remote-write request: one {@link SeriesData} per distinct series (entries of the same
 * series in the request merged, samples oldest first), and what was left out.
 *
 * @param series the series with at least one sample, in the order first seen
 * @param samples the samples in {@code series}
 * @param exemplarsSkipped exemplars read and left out (Opsline does not keep them)
 * @param histogramsSkipped native histogram samples read and left out (not supported)
 * @param families what the request's metadata entries said of metric families, in order
 * @param duplicateSamplesDropped samples of a series at a time it already had a sample for in this
 *        request; the first one is kept
 */
public record WriteRequest(List<SeriesData> series, int samples, int exemplarsSkipped, int histogramsSkipped,
        List<MetricFamily> families, int duplicateSamplesDropped) {
}
