package io.opsline.alerting.internal.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How a sample alert was routed and why: the route taken (null when no rule matched and the alert
 * would not be routed) and every rule in order with each of its conditions.
 */
public record RoutingVerdict(Instant at, Route route, List<RuleVerdict> rules) {

    /** One rule's answer; {@code chosen} marks the rule that routes the alert. */
    public record RuleVerdict(UUID ruleId, String name, int position, boolean enabled, boolean matches,
            boolean chosen, List<ConditionVerdict> conditions) {
    }

    public record ConditionVerdict(String condition, boolean matches, String wants, String has) {
    }
}
