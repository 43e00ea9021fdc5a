package io.opsline.monitoring.internal.acknowledgement;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.monitoring.ProblemAcknowledged;
import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.history.HistoryEntry;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.history.HistoryRepository;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/**
 * Acknowledgements of check problems, Nagios style: someone owns the problem, so nobody else is
 * told about it again until it ends (by hand, at its expiry, or when the check's state changes as
 * {@link Acknowledgement#endsOn} says).
 */
@Service
public class Acknowledgements {

    static final int MAX_BULK = 1000;
    private static final int MAX_COMMENT = 2000;

    private final AcknowledgementRepository acknowledgements;
    private final AcknowledgementCache cache;
    private final CheckRepository checks;
    private final CheckStateRepository states;
    private final HistoryRepository history;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    Acknowledgements(AcknowledgementRepository acknowledgements, AcknowledgementCache cache, CheckRepository checks,
            CheckStateRepository states, HistoryRepository history, ApplicationEventPublisher events, AuditLog audit) {
        this.acknowledgements = acknowledgements;
        this.cache = cache;
        this.checks = checks;
        this.states = states;
        this.history = history;
        this.events = events;
        this.audit = audit;
    }

    /** The check's acknowledgement in force, from memory: cheap enough for every result and every board row. */
    public Optional<Acknowledgement> active(UUID checkId) {
        var now = Jdbc.now();
        return Optional.ofNullable(cache.byCheck().get(checkId)).filter(a -> !a.expiredAt(now));
    }

    /** The acknowledgements in force of these checks, by check id (checks without one are left out); from memory. */
    public Map<UUID, Acknowledgement> activeFor(Collection<UUID> checkIds) {
        var now = Jdbc.now();
        var all = cache.byCheck();
        var found = new HashMap<UUID, Acknowledgement>();
        for (var checkId : checkIds) {
            var acknowledgement = all.get(checkId);
            if (acknowledgement != null && !acknowledgement.expiredAt(now)) {
                found.put(checkId, acknowledgement);
            }
        }
        return found;
    }

    /** The check's acknowledgement as stored; 404 when it has none. */
    @Transactional(readOnly = true)
    public Acknowledgement get(UUID checkId) {
        var check = check(checkId);
        return acknowledgements.find(check.id()).orElseThrow(() -> missing(checkId));
    }

    /**
     * Acknowledges the check's current problem, replacing an acknowledgement it has. Refused (409)
     * when the check is OK.
     *
     * @param author the signed-in user's name
     */
    @Transactional
    public Acknowledgement acknowledge(UUID checkId, AcknowledgementInput input, String author) {
        Objects.requireNonNull(author, "author");
        var check = check(checkId);
        var now = Jdbc.now();
        var v = new Violations();
        var terms = terms(v, input.comment(), input.sticky(), input.expiresAt(), now);
        v.throwIfAny("Invalid acknowledgement");
        var state = problem(check);
        if (state == null) {
            throw new ConflictException("Check %s is OK: there is no problem to acknowledge".formatted(check.name()));
        }
        var previous = acknowledgements.find(checkId);
        previous.ifPresent(replaced -> {
            if (acknowledgements.delete(checkId, replaced.id())) {
                history.appendAll(List.of(removal(replaced, now, author, "Replaced by a new acknowledgement")));
            }
        });
        var acknowledgement = terms.of(check, state, author, now);
        if (!acknowledgements.insertIfAbsent(acknowledgement)) {
            throw new ConflictException("Check %s was acknowledged by someone else a moment ago".formatted(
                    check.name()));
        }
        announce(check, acknowledgement);
        audit.record(new AuditEntry("check.acknowledge", "check", checkId.toString(),
                "Acknowledged %s problem of check %s".formatted(state.key(), check.name()),
                previous.orElse(null), acknowledgement));
        cache.refreshAfterCommit();
        return acknowledgement;
    }

    /**
     * Acknowledges many checks' problems with the same comment. Each check is judged on its own:
     * those without a problem, unknown or already acknowledged are reported and skipped, the
     * others acknowledged.
     *
     * @param author the signed-in user's name
     */
    @Transactional
    public BulkAcknowledgement acknowledgeAll(BulkAcknowledgementInput input, String author) {
        Objects.requireNonNull(author, "author");
        var now = Jdbc.now();
        var v = new Violations();
        if (input.checkIds() == null || input.checkIds().isEmpty()) {
            v.add("checkIds", "is required: the ids of the checks whose problems to acknowledge");
        } else if (input.checkIds().size() > MAX_BULK) {
            v.add("checkIds", "must list at most %d checks".formatted(MAX_BULK));
        }
        var terms = terms(v, input.comment(), input.sticky(), input.expiresAt(), now);
        v.throwIfAny("Invalid acknowledgement");
        var results = new ArrayList<BulkAcknowledgement.Outcome>();
        var entries = new ArrayList<AuditEntry>();
        for (var text : new LinkedHashSet<>(input.checkIds())) {
            var checkId = text == null ? null : Ids.parseOrNull(text.strip());
            var check = checkId == null ? null : checks.findById(checkId).orElse(null);
            String refusal = null;
            ServiceState state = null;
            if (checkId == null) {
                refusal = "not a check id";
            } else if (check == null) {
                refusal = "no check with this id";
            } else if ((state = problem(check)) == null) {
                refusal = "the check is OK: there is no problem to acknowledge";
            } else {
                var existing = acknowledgements.find(checkId);
                if (existing.isPresent()) {
                    refusal = "already acknowledged by " + existing.get().author();
                } else {
                    var acknowledgement = terms.of(check, state, author, now);
                    if (acknowledgements.insertIfAbsent(acknowledgement)) {
                        announce(check, acknowledgement);
                        entries.add(new AuditEntry("check.acknowledge", "check", checkId.toString(),
                                "Acknowledged %s problem of check %s".formatted(state.key(), check.name()), null,
                                acknowledgement));
                    } else {
                        refusal = "acknowledged by someone else a moment ago";
                    }
                }
            }
            results.add(new BulkAcknowledgement.Outcome(text, refusal == null, refusal));
        }
        audit.recordAll(entries);
        cache.refreshAfterCommit();
        return new BulkAcknowledgement(entries.size(), results);
    }

    /**
     * Takes the check's acknowledgement away, so that its problem is news again.
     *
     * @param author the signed-in user's name
     */
    @Transactional
    public void remove(UUID checkId, String author) {
        Objects.requireNonNull(author, "author");
        var check = check(checkId);
        var acknowledgement = acknowledgements.find(checkId).orElseThrow(() -> missing(checkId));
        if (!acknowledgements.delete(checkId, acknowledgement.id())) {
            throw missing(checkId);
        }
        history.appendAll(List.of(removal(acknowledgement, Jdbc.now(), author, "Removed by hand")));
        audit.record(new AuditEntry("check.unacknowledge", "check", checkId.toString(),
                "Removed the acknowledgement of check %s".formatted(check.name()), acknowledgement, null));
        cache.refreshAfterCommit();
    }

    /**
     * Ends the check's acknowledgement if this confirmed (hard) state change ends it: any change
     * from the acknowledged state for a plain one, recovery for a sticky one. For the result
     * processor, in its transaction.
     */
    @Transactional
    public void onStateChange(UUID checkId, ServiceState newState, Instant at) {
        var acknowledgement = acknowledgements.find(checkId).orElse(null);
        if (acknowledgement == null || !acknowledgement.endsOn(newState)
                || !acknowledgements.delete(checkId, acknowledgement.id())) {
            return;
        }
        var why = newState == ServiceState.OK ? "The check recovered"
                : "The check's state changed to " + newState.key();
        history.appendAll(List.of(removal(acknowledgement, at, null, why)));
        cache.refreshAfterCommit();
    }

    /** Ends one acknowledgement that has expired, unless someone else ended it first; true if this call did. */
    @Transactional
    boolean expire(Acknowledgement acknowledgement) {
        if (!acknowledgements.delete(acknowledgement.checkId(), acknowledgement.id())) {
            return false;
        }
        history.appendAll(List.of(removal(acknowledgement, acknowledgement.expiresAt(), null, "Expired")));
        cache.refreshAfterCommit();
        return true;
    }

    /** What an acknowledgement says, validated before any check is looked at. */
    private record Terms(String comment, boolean sticky, Instant expiresAt) {

        Acknowledgement of(CheckDefinition check, ServiceState state, String author, Instant now) {
            return new Acknowledgement(Ids.newId(), check.id(), check.ciId(), state, author, comment, sticky,
                    expiresAt, now);
        }
    }

    private static Terms terms(Violations v, String comment, Boolean sticky, String expiresAt, Instant now) {
        var text = v.required("comment", comment, MAX_COMMENT);
        Instant expiry = null;
        if (expiresAt != null && !expiresAt.isBlank()) {
            try {
                expiry = OffsetDateTime.parse(expiresAt.strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
                if (!expiry.isAfter(now)) {
                    v.add("expiresAt", "must be in the future");
                }
            } catch (DateTimeParseException e) {
                v.add("expiresAt", "must be a date and time with an offset, such as 2026-03-29T18:00:00+02:00");
            }
        }
        return new Terms(text, Boolean.TRUE.equals(sticky), expiry);
    }

    /** The check's current problem state, soft or hard; null when it is OK or has not run yet. */
    private ServiceState problem(CheckDefinition check) {
        return states.findById(check.id()).map(s -> s.status().state()).filter(ServiceState::isProblem).orElse(null);
    }

    private void announce(CheckDefinition check, Acknowledgement a) {
        events.publishEvent(new ProblemAcknowledged(a.id(), a.checkId(), a.ciId(), check.name(), a.state(),
                a.author(), a.comment(), a.sticky(), a.expiresAt(), a.at()));
        history.appendAll(List.of(new HistoryEntry(Ids.newId(), a.ciId(), a.checkId(), a.at(),
                HistoryKind.ACKNOWLEDGED, a.state().name(), null, null, null, null, a.author(), a.comment())));
    }

    /** @param by who removed it; null when it ended by itself */
    private static HistoryEntry removal(Acknowledgement a, Instant at, String by, String why) {
        return new HistoryEntry(Ids.newId(), a.ciId(), a.checkId(), at, HistoryKind.ACKNOWLEDGEMENT_REMOVED,
                a.state().name(), null, null, null, null, by, "%s (acknowledged by %s: %s)".formatted(why, a.author(),
                        a.comment()));
    }

    private CheckDefinition check(UUID checkId) {
        return checks.findById(checkId).orElseThrow(() -> new NotFoundException("Check", checkId));
    }

    private static NotFoundException missing(UUID checkId) {
        return new NotFoundException("Acknowledgement of check", checkId);
    }
}
