package io.opsline.alerting.internal.suppress;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.internal.Alert;
import io.opsline.alerting.internal.AlertingProperties;
import io.opsline.alerting.internal.Alerts;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/**
 * Silences, as Alertmanager's: created, changed and expired by people, audited. A change takes effect
 * on open alerts at once (matching ones are suppressed, those it no longer covers fire again); other
 * nodes pick it up within {@code opsline.alerting.suppression-refresh}.
 */
@Service
public class Silences {

    private static final int MAX_COMMENT = 1000;

    private final SilenceRepository silences;
    private final SuppressionReconciler reconciler;
    private final AuditLog audit;
    private final Alerts alerts;
    private final Duration maxDuration;

    Silences(SilenceRepository silences, SuppressionReconciler reconciler, AuditLog audit, Alerts alerts,
            AlertingProperties properties) {
        this.silences = silences;
        this.reconciler = reconciler;
        this.audit = audit;
        this.alerts = alerts;
        this.maxDuration = properties.silenceMaxDuration();
    }

    /** Silences in this state (any for null), the latest ending first. */
    public List<Silence> list(SilenceState state) {
        return silences.findAll(state, Jdbc.now());
    }

    public Silence get(UUID id) {
        return silences.find(id, Jdbc.now()).orElseThrow(() -> new NotFoundException("Silence", id));
    }

    /** How many open alerts each of these silences matches now (suppressed by it or not), by silence id. */
    public Map<UUID, Long> openAlertsMatching(Collection<Silence> shown) {
        var open = openAlertLabels();
        var counts = new HashMap<UUID, Long>();
        for (var silence : shown) {
            counts.put(silence.id(), open.stream().filter(labels -> Matcher.all(silence.matchers(), labels)).count());
        }
        return counts;
    }

    /** How many open alerts these matchers match now; empty when they are not valid matchers. */
    public OptionalLong openAlertsMatching(List<MatcherInput> inputs) {
        var violations = new Violations();
        var matchers = Matcher.validate("matchers", inputs, violations);
        if (matchers.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(openAlertLabels().stream().filter(labels -> Matcher.all(matchers, labels)).count());
    }

    /** The labels a silence's matchers see on an alert: its own and the pseudo-labels source, severity and ci. */
    public static Map<String, String> labelsOf(Alert alert) {
        return AlertLabels.of(alert);
    }

    private List<Map<String, String>> openAlertLabels() {
        return alerts.findOpen(SuppressionPolicy.OPEN, null).stream().map(AlertLabels::of).toList();
    }

    @Transactional
    public SavedSilence create(SilenceInput input, String actor) {
        var now = Jdbc.now();
        var valid = validate(input, now);
        var silence = new Silence(Ids.newId(), valid.matchers(), valid.startsAt(), valid.endsAt(), actor,
                valid.comment(), now, now, 0, Silence.stateAt(valid.startsAt(), valid.endsAt(), now));
        silences.insert(silence);
        audit.record(new AuditEntry("silence.create", "silence", silence.id().toString(),
                "Created silence " + describe(silence), null, silence));
        return new SavedSilence(silence, reconciler.silenceChanged(silence));
    }

    /**
     * Changes a silence that is not over yet.
     *
     * @throws ConflictException when it changed since {@code version}, or is over
     */
    @Transactional
    public SavedSilence update(UUID id, SilenceInput input) {
        var before = get(id);
        var now = Jdbc.now();
        var valid = validate(input, now);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: the version the change is based on");
        }
        if (before.state() == SilenceState.EXPIRED) {
            throw new ConflictException("Silence " + id + " is over; create a new one");
        }
        var after = new Silence(id, valid.matchers(), valid.startsAt(), valid.endsAt(), before.createdBy(),
                valid.comment(), before.createdAt(), now, input.version() + 1,
                Silence.stateAt(valid.startsAt(), valid.endsAt(), now));
        if (input.version() != before.version() || !silences.update(after)) {
            throw new ConflictException("Silence " + id + " was changed meanwhile; reload it and try again");
        }
        audit.record(new AuditEntry("silence.update", "silence", id.toString(), "Changed silence " + describe(after),
                before, after));
        return new SavedSilence(after, reconciler.silenceChanged(after));
    }

    /** Ends a silence now (one still to begin never begins); expiring an expired one changes nothing. */
    @Transactional
    public Silence expire(UUID id) {
        var before = get(id);
        if (before.state() == SilenceState.EXPIRED) {
            return before;
        }
        var now = Jdbc.now();
        var after = new Silence(id, before.matchers(), before.startsAt().isAfter(now) ? now : before.startsAt(), now,
                before.createdBy(), before.comment(), before.createdAt(), now, before.version() + 1,
                SilenceState.EXPIRED);
        if (!silences.update(after)) {
            throw new ConflictException("Silence " + id + " was changed meanwhile; reload it and try again");
        }
        audit.record(new AuditEntry("silence.expire", "silence", id.toString(),
                "Expired silence " + describe(after), before, after));
        reconciler.silenceChanged(after);
        return after;
    }

    private record Valid(List<Matcher> matchers, Instant startsAt, Instant endsAt, String comment) {
    }

    private Valid validate(SilenceInput input, Instant now) {
        var violations = new Violations();
        var matchers = Matcher.validate("matchers", input.matchers(), violations);
        if (!matchers.isEmpty() && Matcher.matchEverything(matchers)) {
            violations.add("matchers", "at least one matcher must not match an empty label value,"
                    + " or the silence would cover every alert");
        }
        var startsAt = input.startsAt() == null || input.startsAt().isBlank() ? now
                : time("startsAt", input.startsAt(), violations);
        var endsAt = input.endsAt() == null || input.endsAt().isBlank() ? null : time("endsAt", input.endsAt(),
                violations);
        if (input.endsAt() == null || input.endsAt().isBlank()) {
            violations.add("endsAt", "is required");
        }
        if (startsAt != null && endsAt != null) {
            if (!endsAt.isAfter(startsAt)) {
                violations.add("endsAt", "must be after startsAt");
            } else if (!endsAt.isAfter(now)) {
                violations.add("endsAt", "must be in the future");
            } else if (Duration.between(startsAt, endsAt).compareTo(maxDuration) > 0) {
                violations.add("endsAt", "a silence may last at most " + maxDuration.toDays() + " days");
            }
        }
        var comment = violations.required("comment", input.comment(), MAX_COMMENT);
        violations.throwIfAny("Invalid silence");
        return new Valid(matchers, startsAt, endsAt, comment);
    }

    private static Instant time(String field, String text, Violations violations) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            violations.add(field, "must be an ISO-8601 time with an offset, e.g. 2026-03-29T02:00:00Z");
            return null;
        }
    }

    private static String describe(Silence silence) {
        var text = new StringBuilder("{");
        for (var matcher : silence.matchers()) {
            text.append(text.length() > 1 ? ", " : "").append(matcher.name()).append(matcher.operator().symbol())
                    .append('"').append(matcher.value()).append('"');
        }
        return text.append("} until ").append(silence.endsAt()).toString();
    }
}
