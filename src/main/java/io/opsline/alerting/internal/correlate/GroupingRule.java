package io.opsline.alerting.internal.correlate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Groups the alerts it matches by the values of its {@code groupBy} labels: an alert joins the
 * open group of its key whose last alert came within the window, else opens a new one. Rules are
 * tried in order ({@code position}); the first that matches decides.
 */
public record GroupingRule(UUID id, String name, int position, List<LabelMatcher> matchers, List<String> groupBy,
        long windowSeconds, Instant createdAt, Instant updatedAt, int version) {
}
