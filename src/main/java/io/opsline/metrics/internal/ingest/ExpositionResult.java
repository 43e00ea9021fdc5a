package io.opsline.metrics.internal.ingest;

import java.util.List;

/**
 * The outcome of a scrape body that parsed without error.
 *
 * @param samples how many samples went to the sink
 * @param exemplarsSkipped OpenMetrics exemplars read and left out (Opsline does not keep them)
 * @param families the families that had a {@code # TYPE}, {@code # HELP} or {@code # UNIT} line, in order
 */
public record ExpositionResult(int samples, int exemplarsSkipped, List<MetricFamily> families) {
}
