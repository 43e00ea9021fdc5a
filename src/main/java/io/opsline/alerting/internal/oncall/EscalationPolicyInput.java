package io.opsline.alerting.internal.oncall;

import java.util.List;

/**
 * An escalation policy as a client sends it. {@code version} is required on update: the version last read.
 */
public record EscalationPolicyInput(String name, String description, List<LevelInput> levels, Integer repeat,
        Long version) {

    public record LevelInput(Integer delayMinutes, List<TargetInput> targets) {
    }

    /** {@code type} is user, schedule or channel; {@code via} the email channel id for users and schedules. */
    public record TargetInput(String type, String id, String via) {
    }
}
