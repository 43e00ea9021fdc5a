package io.opsline.monitoring.internal.series;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A check's series over a time range, as the API answers and the graph draws them.
 *
 * @param labels every label the check has samples of, also those with none in this range
 */
public record SeriesView(UUID checkId, Instant from, Instant to, List<Series> series, List<String> labels) {
}
