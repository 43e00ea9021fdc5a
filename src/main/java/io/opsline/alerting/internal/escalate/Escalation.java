package io.opsline.alerting.internal.escalate;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert group's way through its escalation policy.
 *
 * @param level the index of the level notified next (or last, once stopped)
 * @param cycle how many times the policy has started over
 * @param nextStepAt when the next level is due; null once it is not active
 * @param stepsTaken levels notified so far, over all cycles
 */
public record Escalation(UUID id, UUID groupId, UUID policyId, String ruleName, EscalationStatus status, int level,
        int cycle, Instant nextStepAt, int stepsTaken, Instant startedAt, Instant stoppedAt, String stopReason) {
}
