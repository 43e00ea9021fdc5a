package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.internal.notify.ChannelKind;
import io.opsline.alerting.internal.notify.Channels;
import io.opsline.alerting.internal.oncall.EscalationPolicy.Level;
import io.opsline.alerting.internal.oncall.EscalationPolicy.Target;
import io.opsline.alerting.internal.oncall.EscalationPolicy.TargetType;
import io.opsline.alerting.internal.oncall.EscalationPolicyInput.LevelInput;
import io.opsline.alerting.internal.oncall.EscalationPolicyInput.TargetInput;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.People;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/**
 * Escalation policies as data: who is reached, in which order, after how long. Running them (paging,
 * waiting for acknowledgements) is the escalation engine's work; it reads them through {@link #find}.
 */
@Service
public class EscalationPolicies {

    static final int MAX_LEVELS = 10;
    static final int MAX_TARGETS = 20;
    static final int MAX_DELAY_MINUTES = 1440;
    static final int MAX_REPEAT = 9;

    private final EscalationRepository policies;
    private final ScheduleRepository schedules;
    private final People people;
    private final Channels channels;
    private final AuditLog audit;

    EscalationPolicies(EscalationRepository policies, ScheduleRepository schedules, People people, Channels channels,
            AuditLog audit) {
        this.policies = policies;
        this.schedules = schedules;
        this.people = people;
        this.channels = channels;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Optional<EscalationPolicy> find(UUID id) {
        return policies.find(id);
    }

    @Transactional(readOnly = true)
    public List<EscalationPolicy> list() {
        return policies.findAll();
    }

    @Transactional(readOnly = true)
    public EscalationPolicy get(UUID id) {
        return policies.find(id).orElseThrow(() -> notFound(id));
    }

    public boolean exists(UUID id) {
        return policies.exists(id);
    }

    @Transactional
    public EscalationPolicy create(EscalationPolicyInput input) {
        var now = Jdbc.now();
        var policy = validate(Ids.newId(), input, now, now, 0);
        policies.insert(policy);
        audit.record(new AuditEntry("escalation-policy.create", "escalation-policy", policy.id().toString(),
                "Created escalation policy " + policy.name(), null, policy));
        return policy;
    }

    @Transactional
    public EscalationPolicy update(UUID id, EscalationPolicyInput input) {
        var existing = get(id);
        if (input.version() == null) {
            new Violations().add("version", "is required: send the version you last read")
                    .throwIfAny("Invalid escalation policy");
        }
        var changed = validate(id, input, existing.createdAt(), Jdbc.now(), existing.version());
        if (!policies.update(changed, input.version())) {
            throw Schedules.staleVersion("escalation policy", existing.version(), input.version());
        }
        var after = get(id);
        audit.record(new AuditEntry("escalation-policy.update", "escalation-policy", id.toString(),
                "Updated escalation policy " + after.name(), existing, after));
        return after;
    }

    /** Deletes a policy no routing rule sends alerts to; refused (409) otherwise. */
    @Transactional
    public void delete(UUID id) {
        var policy = get(id);
        var rules = policies.rulesUsing(id);
        if (!rules.isEmpty()) {
            throw new ConflictException("Escalation policy %s is used by routing rules %s".formatted(policy.name(),
                    String.join(", ", rules)));
        }
        policies.delete(id);
        audit.record(new AuditEntry("escalation-policy.delete", "escalation-policy", id.toString(),
                "Deleted escalation policy " + policy.name(), policy, null));
    }

    private EscalationPolicy validate(UUID id, EscalationPolicyInput input, Instant createdAt, Instant updatedAt,
            long version) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), 100);
        var description = violations.optional("description", input.description(), 1000);
        var repeat = input.repeat() == null ? 0 : input.repeat();
        if (repeat < 0 || repeat > MAX_REPEAT) {
            violations.add("repeat", "must be 0 to %d".formatted(MAX_REPEAT));
        }
        var levels = levels(input.levels(), violations);
        violations.throwIfAny("Invalid escalation policy");
        if (policies.nameTaken(name, id)) {
            throw ConflictException.onField("name", "an escalation policy named '%s' exists already".formatted(name));
        }
        return new EscalationPolicy(id, name, description, levels, repeat, createdAt, updatedAt, version);
    }

    private List<Level> levels(List<LevelInput> inputs, Violations violations) {
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_LEVELS) {
            violations.add("levels", "must hold 1 to %d levels".formatted(MAX_LEVELS));
            return List.of();
        }
        var levels = new ArrayList<Level>();
        var users = new HashSet<UUID>();
        for (int i = 0; i < inputs.size(); i++) {
            var field = "levels[" + i + "]";
            var input = inputs.get(i);
            if (input == null) {
                violations.add(field, "is required");
                continue;
            }
            if (input.delayMinutes() == null || input.delayMinutes() < 1 || input.delayMinutes() > MAX_DELAY_MINUTES) {
                violations.add(field + ".delayMinutes", "must be 1 to %d".formatted(MAX_DELAY_MINUTES));
            }
            if (input.targets() == null || input.targets().isEmpty() || input.targets().size() > MAX_TARGETS) {
                violations.add(field + ".targets", "must hold 1 to %d targets".formatted(MAX_TARGETS));
                continue;
            }
            var targets = new ArrayList<Target>();
            for (int j = 0; j < input.targets().size(); j++) {
                var target = target(field + ".targets[" + j + "]", input.targets().get(j), violations);
                if (target != null) {
                    targets.add(target);
                    if (target.type() == TargetType.USER) {
                        users.add(target.id());
                    }
                }
            }
            levels.add(new Level(input.delayMinutes() == null ? 0 : input.delayMinutes(), targets));
        }
        var found = people.findAll(users);
        for (int i = 0; i < levels.size(); i++) {
            var targets = levels.get(i).targets();
            for (int j = 0; j < targets.size(); j++) {
                var target = targets.get(j);
                if (target.type() == TargetType.USER && !found.containsKey(target.id())) {
                    violations.add("levels[%d].targets[%d].id".formatted(i, j), "no user with id " + target.id());
                }
            }
        }
        return levels;
    }

    private Target target(String field, TargetInput input, Violations violations) {
        if (input == null) {
            violations.add(field, "is required");
            return null;
        }
        TargetType type = null;
        for (var candidate : TargetType.values()) {
            if (input.type() != null && candidate.name().equalsIgnoreCase(input.type().strip())) {
                type = candidate;
            }
        }
        if (type == null) {
            violations.add(field + ".type", "must be one of user, schedule, channel");
        }
        var id = requiredId(field + ".id", input.id(), violations);
        var via = violations.optionalId(field + ".via", input.via(), "must be a notification channel id");
        if (type == TargetType.CHANNEL && via != null) {
            violations.add(field + ".via", "applies to user and schedule targets only: a channel is notified itself");
        }
        if ((type == TargetType.USER || type == TargetType.SCHEDULE) && (input.via() == null || input.via().isBlank())) {
            violations.add(field + ".via", "is required: the email channel through which the person is reached");
        }
        if (type == TargetType.SCHEDULE && id != null && !schedules.exists(id)) {
            violations.add(field + ".id", "no on-call schedule with id " + id);
        }
        if (type == TargetType.CHANNEL && id != null && channels.kindOf(id).isEmpty()) {
            violations.add(field + ".id", "no notification channel with id " + id);
        }
        if (type != TargetType.CHANNEL && via != null
                && channels.kindOf(via).filter(kind -> kind == ChannelKind.EMAIL).isEmpty()) {
            violations.add(field + ".via", "must be an email channel: people are reached by email");
        }
        return type == null || id == null ? null : new Target(type, id, via);
    }

    private static UUID requiredId(String field, String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add(field, "is required");
            return null;
        }
        return violations.optionalId(field, text, "must be an id");
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("Escalation policy", id);
    }
}
