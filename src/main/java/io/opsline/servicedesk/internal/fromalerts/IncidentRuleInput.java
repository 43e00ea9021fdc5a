package io.opsline.servicedesk.internal.fromalerts;

import java.util.List;

/**
 * An incident rule as an admin sends it. {@code minSeverity} is critical, error, warning or info;
 * {@code ciClasses} and {@code environments} are inventory keys (empty: any); {@code team} an id
 * or name; {@code position} (1 first) places a new rule, after the last one when left out.
 * Changing a rule needs the {@code version} it was read at.
 */
public record IncidentRuleInput(String name, Integer position, Boolean enabled, String minSeverity,
        List<String> ciClasses, List<String> environments, String impact, String urgency, String team,
        String category, Boolean autoResolve, Long version) {
}
