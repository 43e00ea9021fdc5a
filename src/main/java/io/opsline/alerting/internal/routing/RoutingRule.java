package io.opsline.alerting.internal.routing;

import java.time.Instant;
import java.util.UUID;

/** One routing rule: alerts matching its conditions go to its escalation policy. Lower positions are tried first. */
public record RoutingRule(UUID id, String name, int position, boolean enabled, RuleConditions conditions,
        UUID policyId, Instant createdAt, Instant updatedAt, long version) {
}
