package io.opsline.metrics.internal.scrape;

import java.util.List;
import java.util.Map;

/**
 * A scrape target as a client or form sends it: durations as Prometheus writes them ({@code 15s},
 * {@code 1m}, {@code 500ms}); blank ones take their defaults. {@code version} is required for a change.
 */
public record ScrapeTargetInput(Long version, String name, String url, String interval, String timeout,
        Map<String, String> labels, List<String> keep, List<String> drop, Boolean enabled) {
}
