package io.opsline.alerting.internal.routing;

import java.util.UUID;

/** Where an alert goes: the escalation policy of the first enabled rule that matched it. */
public record Route(UUID ruleId, String ruleName, UUID policyId) {
}
