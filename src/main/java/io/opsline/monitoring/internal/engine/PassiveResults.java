package io.opsline.monitoring.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.monitoring.CheckType;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckDefinitions;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.CheckState;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.Wording;
import io.opsline.monitoring.internal.nagios.PluginOutput;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/**
 * Results of passive checks: sent in through the API by whatever watches the thing (a backup job,
 * a remote collector), and judged stale when none came within the check's freshness limit. Each
 * result is applied to the stored state under a row lock, so any node may take it.
 */
@Service
public class PassiveResults {

    private static final int MAX_OUTPUT = 65_536;
    /** How far ahead of this node's clock a sender's clock may be. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration MAX_AGE = Duration.ofDays(1);

    private final CheckRepository checks;
    private final CheckStateRepository states;
    private final CheckDefinitions definitions;
    private final Evaluation evaluation;
    private final ChangeStore store;

    PassiveResults(CheckRepository checks, CheckStateRepository states, CheckDefinitions definitions,
            Evaluation evaluation, ChangeStore store) {
        this.checks = checks;
        this.states = states;
        this.definitions = definitions;
        this.evaluation = evaluation;
        this.store = store;
    }

    @Transactional
    public CheckState submit(UUID checkId, PassiveResultInput input) {
        var check = checks.findById(checkId).orElseThrow(() -> new NotFoundException("Check", checkId));
        if (check.type() != CheckType.PASSIVE) {
            throw new ConflictException(("check %s is a %s check, which Opsline runs itself; results are accepted"
                    + " only for passive checks").formatted(check.name(), check.type().key()));
        }
        var now = Instant.now();
        var v = new Violations();
        var state = state(input, v);
        if (input.output() == null || input.output().isBlank()) {
            v.add("output", "is required: the plugin-style status line, e.g. 'BACKUP OK - 12 GB in 4 min'");
        } else if (input.output().length() > MAX_OUTPUT) {
            v.add("output", "must be at most %d characters".formatted(MAX_OUTPUT));
        }
        var at = checkedAt(input.checkedAt(), now, v);
        v.throwIfAny("Invalid passive result");
        var plugin = PluginOutput.parse(state.exitCode(), input.output());
        plugin.problems().forEach(problem -> v.add("output", problem));
        v.throwIfAny("Invalid passive result");
        var result = new CheckResult(state, plugin.text(), plugin.longText(), plugin.perfData(), at, null);
        var spec = (CheckSpec.Passive) definitions.spec(check);
        return apply(check, spec, lockedState(check, now), result, now);
    }

    /**
     * Gives a passive check its stale state if no result came within its freshness limit, checked
     * again under the row lock in case a result just arrived.
     */
    @Transactional
    public void expireIfStale(UUID checkId, Instant now) {
        var check = checks.findById(checkId).orElse(null);
        if (check == null || check.type() != CheckType.PASSIVE || !check.enabled()) {
            return;
        }
        var spec = (CheckSpec.Passive) definitions.spec(check);
        var stored = states.findByIdForUpdate(checkId).orElse(null);
        if (freshUntil(check, spec, stored).isAfter(now)) {
            return;
        }
        var before = stored != null ? stored : CheckState.initial(check.id(), check.createdAt(), now);
        var last = before.lastResult() == null ? null : before.lastResult().startedAt();
        var output = last == null
                ? "No result received in the %s since the check was set up (freshness limit)"
                        .formatted(Wording.duration(spec.freshness()))
                : "No result received for %s (freshness limit %s)".formatted(
                        Wording.duration(Duration.between(last, now)), Wording.duration(spec.freshness()));
        apply(check, spec, before, new CheckResult(spec.staleState(), output, "", List.of(), now, null), now);
    }

    /**
     * Until when a passive check's last news counts: its last result plus the freshness limit
     * (kept as its next check), or, before any result, the freshness limit from its last change.
     */
    static Instant freshUntil(CheckDefinition check, CheckSpec.Passive spec, CheckState stored) {
        return stored != null ? stored.nextCheck() : check.updatedAt().plus(spec.freshness());
    }

    /** The check's stored state, locked until the transaction ends; its initial state if it has none yet. */
    private CheckState lockedState(CheckDefinition check, Instant now) {
        return states.findByIdForUpdate(check.id())
                .orElseGet(() -> CheckState.initial(check.id(), check.createdAt(), now));
    }

    private CheckState apply(CheckDefinition check, CheckSpec.Passive spec, CheckState before, CheckResult result,
            Instant now) {
        var change = evaluation.apply(check, before, result, null, now.plus(spec.freshness()));
        store.persist(List.of(change));
        return change.state();
    }

    private static ServiceState state(PassiveResultInput input, Violations v) {
        if (input.state() != null && input.exitCode() != null) {
            v.add("state", "give the state or the exit code, not both");
            return ServiceState.UNKNOWN;
        }
        if (input.exitCode() != null) {
            if (input.exitCode() < 0 || input.exitCode() > 3) {
                v.add("exitCode", "must be a plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN");
            }
            return ServiceState.ofExitCode(input.exitCode());
        }
        if (input.state() == null || input.state().isBlank()) {
            v.add("state", "is required (or exitCode): one of " + Choice.keys(ServiceState.class));
            return ServiceState.UNKNOWN;
        }
        var state = Choice.parse(ServiceState.class, input.state()).orElse(null);
        if (state == null) {
            v.add("state", "unknown state '%s': use one of %s".formatted(input.state(), Choice.keys(ServiceState.class)));
            return ServiceState.UNKNOWN;
        }
        return state;
    }

    private static Instant checkedAt(String text, Instant now, Violations v) {
        if (text == null || text.isBlank()) {
            return now;
        }
        try {
            var at = Instant.parse(text.strip());
            if (at.isAfter(now.plus(CLOCK_SKEW))) {
                v.add("checkedAt", "is in the future; check the sender's clock");
            } else if (at.isBefore(now.minus(MAX_AGE))) {
                v.add("checkedAt", "is more than a day ago; such a result is too old to judge the check by");
            }
            return at;
        } catch (DateTimeParseException e) {
            v.add("checkedAt", "must be an ISO-8601 instant such as 2026-11-21T10:15:30Z");
            return now;
        }
    }
}
