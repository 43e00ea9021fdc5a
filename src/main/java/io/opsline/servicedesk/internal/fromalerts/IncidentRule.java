package io.opsline.servicedesk.internal.fromalerts;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.opsline.alerting.Severity;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Environment;
import io.opsline.servicedesk.internal.Level;

/**
 * When an alert group becomes an incident, and what the incident gets. Tried by {@code position}
 * (1 first); the first enabled rule the group's root alert meets wins.
 *
 * @param minSeverity the root alert must be at least this bad
 * @param ciClasses the root alert's CI must be of one of these classes; empty for any CI or none
 * @param environments the root alert's CI must serve one of these; empty for any CI or none
 * @param teamId the team the incident goes to; null for none
 * @param category what the incident is filed under; null for nothing
 * @param autoResolve whether the incident resolves by itself once all its alerts are resolved
 */
public record IncidentRule(UUID id, String name, int position, boolean enabled, Severity minSeverity,
        Set<CiClass> ciClasses, Set<Environment> environments, Level impact, Level urgency, UUID teamId,
        String category, boolean autoResolve, Instant createdAt, Instant updatedAt, long version) {

    public IncidentRule {
        ciClasses = Set.copyOf(ciClasses);
        environments = Set.copyOf(environments);
    }

    /** Whether an alert of this severity about this CI (null: about no known CI) meets the conditions. */
    boolean matches(Severity severity, CiSummary ci) {
        if (!takes(severity)) {
            return false;
        }
        if (!ciClasses.isEmpty() && (ci == null || !ciClasses.contains(ci.ciClass()))) {
            return false;
        }
        return environments.isEmpty() || ci != null && ci.environment() != null && environments.contains(ci.environment());
    }

    /** Whether the rule is on and takes alerts this severe, whatever their CI. */
    boolean takes(Severity severity) {
        return enabled && severity.atLeast(minSeverity);
    }

    IncidentRule at(int newPosition) {
        return new IncidentRule(id, name, newPosition, enabled, minSeverity, ciClasses, environments, impact, urgency,
                teamId, category, autoResolve, createdAt, updatedAt, version);
    }
}
