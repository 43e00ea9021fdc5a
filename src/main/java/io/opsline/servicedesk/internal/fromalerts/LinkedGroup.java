package io.opsline.servicedesk.internal.fromalerts;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert group an incident follows.
 *
 * @param ruleId the incident rule that opened the incident for it; null when a person linked it
 * @param autoResolve whether the incident resolves by itself once all its alerts are resolved, as the rule said
 * @param linkedBy {@code opsline} for a rule, else the person who linked it
 */
public record LinkedGroup(UUID groupId, String title, UUID ruleId, String ruleName, boolean autoResolve,
        String linkedBy, Instant linkedAt) {
}
