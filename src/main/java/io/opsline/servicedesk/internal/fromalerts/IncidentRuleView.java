package io.opsline.servicedesk.internal.fromalerts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.Environment;
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.internal.IncidentView.Named;
import io.opsline.servicedesk.internal.Level;

/** An incident rule as the API shows it: with the priority its impact and urgency give, and its team's name. */
public record IncidentRuleView(UUID id, String name, int position, boolean enabled, String minSeverity,
        List<CiClass> ciClasses, List<Environment> environments, Level impact, Level urgency, Priority priority,
        Named team, String category, boolean autoResolve, Instant createdAt, Instant updatedAt, long version) {
}
