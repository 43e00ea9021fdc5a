package io.opsline.servicedesk.internal.problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiSummary;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.RefusedMove;
import io.opsline.servicedesk.internal.EntryKind;
import io.opsline.servicedesk.internal.Incident;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.References;

/**
 * Opens problems, changes them, moves them through the investigation and links the incidents they
 * explain. Every change is checked against the version its writer read (the second of two writers
 * gets a conflict and nothing is overwritten), written to the problem's timeline and audited.
 */
@Service
public class Problems {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 20_000;

    private final ProblemRepository problems;
    private final Incidents incidents;
    private final Teams teams;
    private final AuditLog audit;
    private final References references;

    Problems(ProblemRepository problems, Incidents incidents, Teams teams, AuditLog audit, References references) {
        this.problems = problems;
        this.incidents = incidents;
        this.teams = teams;
        this.audit = audit;
        this.references = references;
    }

    public Problem get(UUID id) {
        return problems.find(id).orElseThrow(() -> new NotFoundException("Problem", id));
    }

    /** By id or by reference (PRB-000123). */
    public Problem get(String idOrReference) {
        var id = Ids.parseOrNull(idOrReference);
        if (id != null) {
            return get(id);
        }
        var number = Problem.parseReference(idOrReference);
        return (number > 0 ? problems.findByNumber(number) : Optional.<Problem>empty())
                .orElseThrow(() -> new NotFoundException("Problem", idOrReference));
    }

    public Page<Problem> search(ProblemFilter filter, PageRequest page) {
        return problems.search(filter, page);
    }

    public List<ProblemEntry> timeline(UUID id) {
        return problems.timeline(id);
    }

    @Transactional
    public Problem create(ProblemInput input, String actor) {
        var violations = new Violations();
        var title = violations.required("title", input.title(), MAX_TITLE);
        var description = violations.optional("description", input.description(), MAX_TEXT);
        var rootCause = violations.optional("rootCause", input.rootCause(), MAX_TEXT);
        var workaround = violations.optional("workaround", input.workaround(), MAX_TEXT);
        var team = references.team("team", input.team(), violations);
        var assignee = references.assignee(input.assignee(), team, violations);
        var cis = ids(references.cis(input.cis(), violations));
        violations.throwIfAny("Invalid problem");

        var now = Jdbc.now();
        var problem = new Problem(Ids.newId(), problems.nextNumber(), title, description, ProblemState.NEW, rootCause,
                workaround, team == null ? null : team.id(), assignee == null ? null : assignee.id(), actor, now, now,
                null, null, null, 0, cis, List.of());
        problems.insert(problem);
        entry(problem, now, ProblemEntry.Kind.CREATED, actor, "Opened " + problem.reference(), null,
                problem.state().key());
        audit.record(new AuditEntry("problem.create", "problem", problem.id().toString(),
                "Opened " + problem.reference() + ": " + title, null, problem));
        return problem;
    }

    /** Changes fields; those left null stay as they are. A closed problem does not change. */
    @Transactional
    public Problem change(UUID id, ProblemInput change, String actor) {
        var before = get(id);
        checkVersion(before, change.version());
        if (before.state() == ProblemState.CLOSED) {
            throw new ConflictException(before.reference() + " is closed; closed problems do not change");
        }
        var violations = new Violations();
        var title = change.title() == null ? before.title() : violations.required("title", change.title(), MAX_TITLE);
        var description = change.description() == null ? before.description()
                : violations.optional("description", change.description(), MAX_TEXT);
        var rootCause = change.rootCause() == null ? before.rootCause()
                : violations.optional("rootCause", change.rootCause(), MAX_TEXT);
        var workaround = change.workaround() == null ? before.workaround()
                : violations.optional("workaround", change.workaround(), MAX_TEXT);
        if (workaround == null && before.state() == ProblemState.KNOWN_ERROR && violations.isEmpty()) {
            violations.add("workaround", "is required while " + before.reference() + " is a known error");
        }
        var team = change.team() != null ? references.team("team", change.team(), violations)
                : before.teamId() == null ? null : teams.find(before.teamId()).orElse(null);
        var teamId = team == null ? null : team.id();
        UUID assigneeId = before.assigneeId();
        if (change.assignee() != null) {
            var assignee = references.assignee(change.assignee(), team, violations);
            assigneeId = assignee == null ? null : assignee.id();
        } else if (assigneeId != null && !Objects.equals(teamId, before.teamId())
                && (teamId == null || !teams.isMember(teamId, assigneeId))) {
            // A new team: the old assignee keeps the problem only if they belong to it.
            assigneeId = null;
        }
        var cis = change.cis() == null ? before.ciIds() : ids(references.cis(change.cis(), violations));
        violations.throwIfAny("Invalid change to " + before.reference());

        var now = Jdbc.now();
        var after = before.with(title, description, before.state(), rootCause, workaround, teamId, assigneeId,
                before.knownErrorAt(), before.resolvedAt(), before.closedAt(), cis, now);
        store(before, after);
        if (change.cis() != null) {
            problems.replaceCis(after);
        }
        var changed = changedFields(before, after);
        if (!changed.isEmpty()) {
            entry(after, now, ProblemEntry.Kind.CHANGE, actor, "Changed " + String.join(", ", changed), null, null);
        }
        audit.record(new AuditEntry("problem.update", "problem", id.toString(), "Changed " + after.reference(),
                before, after));
        return after;
    }

    /** Moves the problem to another state, refusing moves its lifecycle does not allow. */
    @Transactional
    public Problem transition(UUID id, ProblemTransition input, String actor) {
        var before = get(id);
        checkVersion(before, input.version());
        var violations = new Violations();
        var target = Choice.parse(ProblemState.class, input.state()).orElse(null);
        if (target == null) {
            violations.add("state", input.state() == null || input.state().isBlank() ? "is required"
                    : "must be one of " + Choice.keys(ProblemState.class));
            violations.throwIfAny("Invalid state change");
        }
        if (!before.state().canMoveTo(target)) {
            throw RefusedMove.of(before.reference(), before.state(), target, before.state().next());
        }
        var rootCause = input.rootCause() == null || input.rootCause().isBlank() ? before.rootCause()
                : violations.optional("rootCause", input.rootCause(), MAX_TEXT);
        var workaround = input.workaround() == null || input.workaround().isBlank() ? before.workaround()
                : violations.optional("workaround", input.workaround(), MAX_TEXT);
        var comment = violations.optional("comment", input.comment(), MAX_TEXT);
        var now = Jdbc.now();
        var knownErrorAt = before.knownErrorAt();
        var resolvedAt = before.resolvedAt();
        var closedAt = before.closedAt();
        switch (target) {
            case KNOWN_ERROR -> {
                if (workaround == null) {
                    violations.add("workaround", "is required to make " + before.reference()
                            + " a known error: what the desk does until it is fixed");
                }
                knownErrorAt = now;
            }
            case RESOLVED -> {
                if (rootCause == null) {
                    violations.add("rootCause", "is required to resolve " + before.reference());
                }
                resolvedAt = now;
            }
            case INVESTIGATING -> resolvedAt = null;
            case CLOSED -> closedAt = now;
            case NEW -> throw new IllegalStateException("no state moves back to New");
        }
        violations.throwIfAny("Invalid state change for " + before.reference());
        var after = before.with(before.title(), before.description(), target, rootCause, workaround, before.teamId(),
                before.assigneeId(), knownErrorAt, resolvedAt, closedAt, before.ciIds(), now);
        store(before, after);
        entry(after, now, ProblemEntry.Kind.STATE, actor, null, before.state().key(), target.key());
        if (comment != null) {
            entry(after, now, ProblemEntry.Kind.COMMENT, actor, comment, null, null);
        }
        audit.record(new AuditEntry("problem.transition", "problem", id.toString(), before.reference() + ": "
                + before.state().label() + " → " + target.label(), before, after));
        return after;
    }

    /** Links an incident (by id or reference) as one this problem explains; both timelines say so. */
    @Transactional
    public Problem link(UUID id, String incidentReference, String actor) {
        var problem = get(id);
        var incident = incident(incidentReference);
        if (problem.state() == ProblemState.CLOSED) {
            throw new ConflictException(problem.reference() + " is closed; closed problems take no new incidents");
        }
        if (problem.incidentIds().contains(incident.id())) {
            throw alreadyLinked(problem, incident);
        }
        var now = Jdbc.now();
        try {
            problems.link(id, incident.id(), actor, now);
        } catch (DuplicateKeyException e) {
            throw alreadyLinked(problem, incident);
        }
        entry(problem, now, ProblemEntry.Kind.INCIDENT_LINKED, actor, incident.reference() + ": " + incident.title(),
                null, incident.reference());
        incidents.note(incident.id(), EntryKind.CHANGE, false, "Linked to problem " + problem.reference() + " by "
                + actor);
        audit.record(new AuditEntry("problem.link-incident", "problem", id.toString(),
                "Linked " + incident.reference() + " to " + problem.reference(), null, incident.reference()));
        return get(id);
    }

    @Transactional
    public Problem unlink(UUID id, String incidentReference, String actor) {
        var problem = get(id);
        var incident = incident(incidentReference);
        if (!problems.unlink(id, incident.id())) {
            throw new NotFoundException("Link to " + problem.reference() + " of incident", incident.reference());
        }
        var now = Jdbc.now();
        entry(problem, now, ProblemEntry.Kind.INCIDENT_UNLINKED, actor, null, incident.reference(), null);
        incidents.note(incident.id(), EntryKind.CHANGE, false, "Unlinked from problem " + problem.reference() + " by "
                + actor);
        audit.record(new AuditEntry("problem.unlink-incident", "problem", id.toString(),
                "Unlinked " + incident.reference() + " from " + problem.reference(), incident.reference(), null));
        return get(id);
    }

    private Incident incident(String reference) {
        if (reference == null || reference.isBlank()) {
            throw InvalidInputException.of("incident", "is required: an incident reference (INC-000123) or id");
        }
        try {
            return incidents.get(reference.strip());
        } catch (NotFoundException e) {
            throw InvalidInputException.of("incident", "no incident " + reference.strip());
        }
    }

    private static ConflictException alreadyLinked(Problem problem, Incident incident) {
        return ConflictException.onField("incident", incident.reference() + " is linked to " + problem.reference()
                + " already");
    }

    private void store(Problem before, Problem after) {
        if (!problems.update(after)) {
            throw conflict(before);
        }
    }

    private void checkVersion(Problem current, Long version) {
        if (version == null) {
            throw InvalidInputException.of("version", "is required: the version of " + current.reference()
                    + " the change is based on (now " + current.version() + ")");
        }
        if (version != current.version()) {
            throw conflict(current);
        }
    }

    private ConflictException conflict(Problem current) {
        var now = problems.find(current.id()).map(Problem::version).orElse(current.version());
        return ConflictException.onField("version", current.reference() + " was changed by someone else (it is at"
                + " version " + now + "); reload it, check their change and try again");
    }

    private static List<String> changedFields(Problem before, Problem after) {
        var changed = new ArrayList<String>();
        if (!before.title().equals(after.title())) {
            changed.add("title");
        }
        if (!Objects.equals(before.description(), after.description())) {
            changed.add("description");
        }
        if (!Objects.equals(before.rootCause(), after.rootCause())) {
            changed.add("root cause");
        }
        if (!Objects.equals(before.workaround(), after.workaround())) {
            changed.add("workaround");
        }
        if (!Objects.equals(before.teamId(), after.teamId()) || !Objects.equals(before.assigneeId(), after.assigneeId())) {
            changed.add("assignment");
        }
        if (!new LinkedHashSet<>(before.ciIds()).equals(new LinkedHashSet<>(after.ciIds()))) {
            changed.add("CIs");
        }
        return changed;
    }

    private ProblemEntry entry(Problem problem, Instant at, ProblemEntry.Kind kind, String actor, String body,
            String from, String to) {
        var entry = new ProblemEntry(Ids.newId(), problem.id(), at, kind, actor, body, from, to);
        problems.insertEntry(entry);
        return entry;
    }

    private static List<UUID> ids(List<CiSummary> cis) {
        return cis.stream().map(CiSummary::id).toList();
    }
}
