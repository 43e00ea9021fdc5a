package io.opsline.alerting.internal;

import java.util.List;
import java.util.UUID;

/**
 * What came of acknowledging or resolving several alerts at once: one item per alert asked for,
 * in the order asked.
 */
public record BulkResult(List<Item> items) {

    public BulkResult {
        items = List.copyOf(items);
    }

    /** What happened to one alert; {@code summary} is null when there is no such alert. */
    public record Item(UUID alertId, Outcome outcome, String summary) {
    }

    /** The first two are changes made; the others say why nothing changed. */
    public enum Outcome {
        ACKNOWLEDGED, RESOLVED, ALREADY_ACKNOWLEDGED, ALREADY_RESOLVED, NOT_FOUND;

        public boolean changed() {
            return this == ACKNOWLEDGED || this == RESOLVED;
        }
    }

    public long count(Outcome outcome) {
        return items.stream().filter(item -> item.outcome() == outcome).count();
    }

    public long changed() {
        return items.stream().filter(item -> item.outcome().changed()).count();
    }
}
