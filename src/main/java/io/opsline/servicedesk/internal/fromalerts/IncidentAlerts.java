package io.opsline.servicedesk.internal.fromalerts;

import java.time.Instant;
import java.util.List;

/**
 * What an incident follows in alerting: its groups and their alerts, oldest first.
 *
 * @param allResolved whether it follows alerts and every one of them is resolved
 * @param allResolvedAt since when that is so; null while it is not
 */
public record IncidentAlerts(boolean allResolved, Instant allResolvedAt, List<LinkedGroup> groups,
        List<LinkedAlert> alerts) {
}
