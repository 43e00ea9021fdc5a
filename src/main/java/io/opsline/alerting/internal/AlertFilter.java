package io.opsline.alerting.internal;

import java.util.Set;
import java.util.UUID;

import io.opsline.alerting.AlertStatus;
import io.opsline.alerting.Severity;

/**
 * Which alerts a list shows; empty sets mean any.
 *
 * @param source only alerts from this source (an integration's name, or {@code monitoring}); null for any
 * @param unmapped only alerts no CI matched
 * @param text words the summary contains, ignoring case
 */
public record AlertFilter(Set<AlertStatus> statuses, Set<Severity> severities, String source, UUID ciId,
        boolean unmapped,
        String text) {

    public AlertFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
    }
}
