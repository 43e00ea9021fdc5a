package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Whom to reach about an alert, level after level, until someone acknowledges it.
 *
 * @param levels reached in order; each waits its delay for an acknowledgement before the next
 * @param repeat how many times the whole policy starts over after the last level passed unacknowledged
 */
public record EscalationPolicy(UUID id, String name, String description, List<Level> levels, int repeat,
        Instant createdAt, Instant updatedAt, long version) {

    public EscalationPolicy {
        levels = List.copyOf(levels);
    }

    /**
     * One step of a policy.
     *
     * @param delayMinutes how long to wait for an acknowledgement before escalating to the next level
     */
    public record Level(int delayMinutes, List<Target> targets) {

        public Level {
            targets = List.copyOf(targets);
        }
    }

    /**
     * Someone or something to notify.
     *
     * @param id  a user, schedule or notification channel id, as {@code type} says
     * @param via for users and schedules, the email channel through which the person is reached; null for channels
     */
    public record Target(TargetType type, UUID id, UUID via) {
    }

    /** What a target's id names. */
    public enum TargetType {
        /** A person, reached by email through the target's channel. */
        USER,
        /** Whoever is on call in the schedule when the level is reached, by email through the target's channel. */
        SCHEDULE,
        /** A notification channel (webhook, Slack, Teams, email list) notified directly. */
        CHANNEL
    }
}
