package io.opsline.servicedesk.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Inventory;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.internal.customer.Customers;
import io.opsline.servicedesk.internal.sla.SlaClocks;

/**
 * Opens, changes and moves incidents through their lifecycle. Every change is checked against the
 * version its writer read (the second of two writers gets a conflict, nothing is overwritten),
 * written to the incident's timeline and to the audit log.
 */
@Service
public class Incidents {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 20_000;
    static final int MAX_RESOLUTION_NOTES = 4000;
    /** Who the timeline names for what Opsline did by itself. */
    public static final String SYSTEM = "opsline";

    private final IncidentRepository incidents;
    private final PriorityMatrix matrix;
    private final ServiceDeskProperties properties;
    private final People people;
    private final Teams teams;
    private final Inventory inventory;
    private final AuditLog audit;
    private final SlaClocks slaClocks;
    private final References references;
    private final Customers customers;

    Incidents(IncidentRepository incidents, PriorityMatrix matrix, ServiceDeskProperties properties, People people,
            Teams teams, Inventory inventory, AuditLog audit, SlaClocks slaClocks, References references,
            Customers customers) {
        this.incidents = incidents;
        this.matrix = matrix;
        this.properties = properties;
        this.people = people;
        this.teams = teams;
        this.inventory = inventory;
        this.audit = audit;
        this.slaClocks = slaClocks;
        this.references = references;
        this.customers = customers;
    }

    public Incident get(UUID id) {
        return incidents.find(id).orElseThrow(() -> new NotFoundException("Incident", id));
    }

    /** By id or by reference (INC-000123). */
    public Incident get(String idOrReference) {
        var id = Ids.parseOrNull(idOrReference);
        if (id != null) {
            return get(id);
        }
        var number = Incident.parseReference(idOrReference);
        return (number > 0 ? incidents.findByNumber(number) : java.util.Optional.<Incident>empty())
                .orElseThrow(() -> new NotFoundException("Incident", idOrReference));
    }

    public Page<Incident> search(IncidentFilter filter, PageRequest page) {
        return incidents.search(filter, page);
    }

    public List<TimelineEntry> timeline(UUID id, boolean callerView) {
        return incidents.timeline(id, callerView);
    }

    /**
     * Opens an incident. Its clock starts now unless {@code startedAt} says the trouble began earlier
     * (the first firing of the alerts it was opened for).
     */
    @Transactional
    public Incident create(IncidentInput input, String actor, OpenedThrough through, Instant startedAt) {
        var violations = new Violations();
        var title = violations.required("title", input.title(), MAX_TITLE);
        var description = violations.optional("description", input.description(), MAX_TEXT);
        var caller = references.person("caller", input.caller(), violations);
        var category = category(input.category(), violations);
        var impact = level("impact", input.impact(), Level.MEDIUM, violations);
        var urgency = level("urgency", input.urgency(), Level.MEDIUM, violations);
        var team = references.team("team", input.team(), violations);
        var assignee = references.assignee(input.assignee(), team, violations);
        var cis = references.cis(input.cis(), violations);
        var customer = customers.resolve("customer", input.customer(), violations);
        violations.throwIfAny("Invalid incident");
        var customerId = customer != null ? customer.id()
                : customers.customerOf(caller == null ? null : caller.id()).orElse(null);

        var now = Jdbc.now();
        var started = startedAt == null || startedAt.isAfter(now) ? now : startedAt;
        var incident = new Incident(Ids.newId(), incidents.nextNumber(), title, description,
                caller == null ? null : caller.id(), actor, through, category, impact, urgency,
                matrix.priority(impact, urgency), Boolean.TRUE.equals(input.major()), IncidentState.NEW, null, null,
                null, team == null ? null : team.id(), assignee == null ? null : assignee.id(), customerId, started, now, now,
                null, null, null, 0, cis.stream().map(CiSummary::id).toList(), services(cis));
        incidents.insert(incident);
        slaClocks.incidentChanged(null, incident);
        entry(incident, now, EntryKind.CREATED, actor, true, "Opened " + incident.reference() + " as "
                + incident.priority().key() + " through " + through.label(), null, incident.state().key());
        audit.record(new AuditEntry("incident.create", "incident", incident.id().toString(),
                "Opened " + incident.reference() + ": " + title, null, incident));
        return incident;
    }

    /** Changes fields; impact or urgency changes the priority by the matrix. */
    @Transactional
    public Incident change(UUID id, IncidentChange change, String actor) {
        var before = get(id);
        checkVersion(before, change.version());
        if (before.state() == IncidentState.CLOSED) {
            throw new ConflictException(before.reference() + " is closed; closed incidents do not change");
        }
        var violations = new Violations();
        var after = before.change();
        if (change.title() != null) {
            after.title = violations.required("title", change.title(), MAX_TITLE);
        }
        if (change.description() != null) {
            after.description = violations.optional("description", change.description(), MAX_TEXT);
        }
        if (change.caller() != null) {
            var caller = references.person("caller", change.caller(), violations);
            after.callerId = caller == null ? null : caller.id();
        }
        if (change.category() != null) {
            after.category = category(change.category(), violations);
        }
        if (change.impact() != null) {
            after.impact = level("impact", change.impact(), before.impact(), violations);
        }
        if (change.urgency() != null) {
            after.urgency = level("urgency", change.urgency(), before.urgency(), violations);
        }
        if (change.major() != null) {
            after.major = change.major();
        }
        TeamRef team = null;
        if (change.team() != null) {
            team = references.team("team", change.team(), violations);
            after.teamId = team == null ? null : team.id();
        } else if (before.teamId() != null) {
            team = teams.find(before.teamId()).orElse(null);
        }
        if (change.assignee() != null) {
            var assignee = references.assignee(change.assignee(), team, violations);
            after.assigneeId = assignee == null ? null : assignee.id();
        } else if (change.team() != null && after.assigneeId != null && !Objects.equals(after.teamId, before.teamId())) {
            // A new team: the old assignee keeps the incident only if they belong to it.
            if (team == null || !teams.isMember(team.id(), after.assigneeId)) {
                after.assigneeId = null;
            }
        }
        List<CiSummary> cis = null;
        if (change.cis() != null) {
            cis = references.cis(change.cis(), violations);
            after.ciIds = cis.stream().map(CiSummary::id).toList();
        }
        after.customerId = customer(before, after.callerId, change.customer(), violations);
        violations.throwIfAny("Invalid change to " + before.reference());

        after.priority = matrix.priority(after.impact, after.urgency);
        if (cis != null) {
            after.serviceIds = services(cis);
        }
        var now = Jdbc.now();
        var incident = after.build(now);
        store(before, incident);
        if (cis != null) {
            incidents.replaceLinks(incident);
        }
        slaClocks.incidentChanged(before, incident);
        recordChanges(before, incident, actor, now);
        audit.record(new AuditEntry("incident.update", "incident", id.toString(), "Changed " + incident.reference(),
                before, incident));
        return incident;
    }

    /** Moves the incident to another state, refusing moves its lifecycle does not allow. */
    @Transactional
    public Incident transition(UUID id, TransitionInput input, String actor) {
        var before = get(id);
        checkVersion(before, input.version());
        var violations = new Violations();
        var target = Choice.parse(IncidentState.class, input.state()).orElse(null);
        if (target == null) {
            violations.add("state", input.state() == null || input.state().isBlank() ? "is required"
                    : "must be one of " + Choice.keys(IncidentState.class));
            violations.throwIfAny("Invalid state change");
        }
        if (!before.state().canMoveTo(target)) {
            throw RefusedMove.of(before.reference(), before.state(), target, before.state().next());
        }
        var comment = violations.optional("comment", input.comment(), MAX_TEXT);
        var after = before.change();
        after.state = target;
        var now = Jdbc.now();
        String detail = null;
        switch (target) {
            case ON_HOLD -> {
                after.holdReason = required("holdReason", input.holdReason(), HoldReason.class, violations);
                detail = after.holdReason == null ? null : after.holdReason.label();
            }
            case RESOLVED -> {
                after.resolutionCode = required("resolutionCode", input.resolutionCode(), ResolutionCode.class,
                        violations);
                after.resolutionNotes = violations.required("resolutionNotes", input.resolutionNotes(),
                        MAX_RESOLUTION_NOTES);
                after.resolvedAt = now;
                after.holdReason = null;
                detail = after.resolutionCode == null ? null : after.resolutionCode.label() + ": " + after.resolutionNotes;
            }
            case IN_PROGRESS -> {
                after.holdReason = null;
                if (before.state() == IncidentState.RESOLVED) {
                    after.resolutionCode = null;
                    after.resolutionNotes = null;
                    after.resolvedAt = null;
                    detail = "Reopened";
                }
            }
            case CLOSED -> after.closedAt = now;
            case NEW -> throw new IllegalStateException("no state moves back to New");
        }
        violations.throwIfAny("Invalid state change for " + before.reference());
        // A response is a person's: Opsline resolving an incident by itself (its alerts cleared) answers nobody.
        if (before.respondedAt() == null && before.state() == IncidentState.NEW && !SYSTEM.equals(actor)) {
            after.respondedAt = now;
        }
        var incident = after.build(now);
        store(before, incident);
        slaClocks.incidentChanged(before, incident);
        entry(incident, now, EntryKind.STATE, actor, true, detail, before.state().key(), target.key());
        if (comment != null) {
            entry(incident, now, EntryKind.COMMENT, actor, true, comment, null, null);
        }
        audit.record(new AuditEntry("incident.transition", "incident", id.toString(), before.reference() + ": "
                + before.state().label() + " → " + target.label(), before, incident));
        return incident;
    }

    /**
     * Takes the incident on: it moves to In progress (if New or On hold) and, when nobody has it yet, to
     * the acknowledging person, if they may hold it (they belong to its team, or it has none).
     */
    @Transactional
    public Incident acknowledge(UUID id, Long version, Person who) {
        var before = get(id);
        checkVersion(before, version);
        if (!before.state().open()) {
            throw ConflictException.onField("state", before.reference() + " is " + before.state().label()
                    + "; only an open incident can be acknowledged");
        }
        var incident = before;
        if (before.state() != IncidentState.IN_PROGRESS) {
            incident = transition(id, new TransitionInput(before.version(), IncidentState.IN_PROGRESS.key(), null, null,
                    null, null), who.username());
        }
        if (incident.assigneeId() == null
                && (incident.teamId() == null || teams.isMember(incident.teamId(), who.id()))) {
            incident = change(id, new IncidentChange(incident.version(), null, null, null, null, null, null, null, null,
                    who.id().toString(), null, null), who.username());
        }
        return incident;
    }

    /** Adds a comment (the caller sees it) or a work note (only the desk does). */
    @Transactional
    public TimelineEntry comment(UUID id, CommentInput input, String actor) {
        var incident = get(id);
        var violations = new Violations();
        var body = violations.required("body", input.body(), MAX_TEXT);
        violations.throwIfAny("Invalid comment");
        var workNote = Boolean.TRUE.equals(input.workNote());
        var entry = entry(incident, Jdbc.now(), workNote ? EntryKind.WORK_NOTE : EntryKind.COMMENT, actor, !workNote,
                body, null, null);
        audit.record(new AuditEntry(workNote ? "incident.work-note" : "incident.comment", "incident", id.toString(),
                (workNote ? "Work note on " : "Comment on ") + incident.reference(), null, entry));
        return entry;
    }

    /**
     * Closes incidents resolved longer ago than {@code opsline.servicedesk.auto-close-after}. Safe on
     * several nodes at once: each close is a versioned update, and the node that loses skips it.
     *
     * @return how many this call closed
     */
    public int closeLongResolved() {
        var cutoff = Jdbc.now().minus(properties.autoCloseAfter());
        var closed = 0;
        for (var id : incidents.resolvedBefore(cutoff, 500)) {
            try {
                var incident = get(id);
                transition(id, new TransitionInput(incident.version(), IncidentState.CLOSED.key(), null, null, null,
                        null), SYSTEM);
                closed++;
            } catch (ConflictException | NotFoundException e) {
                // Reopened, closed or changed meanwhile (here or on another node): nothing to do now.
            }
        }
        return closed;
    }

    /** Adds a line Opsline itself writes (alerts, notifications, SLA clocks) to the timeline. */
    @Transactional
    public TimelineEntry note(UUID id, EntryKind kind, boolean visibleToCaller, String body) {
        return entry(get(id), Jdbc.now(), kind, SYSTEM, visibleToCaller, body, null, null);
    }

    private void store(Incident before, Incident after) {
        if (!incidents.update(after)) {
            throw conflict(before);
        }
    }

    private void checkVersion(Incident current, Long version) {
        if (version == null) {
            throw InvalidInputException.of("version", "is required: the version of " + current.reference()
                    + " the change is based on (now " + current.version() + ")");
        }
        if (version != current.version()) {
            throw conflict(current);
        }
    }

    private ConflictException conflict(Incident current) {
        var now = incidents.find(current.id()).map(Incident::version).orElse(current.version());
        return ConflictException.onField("version", current.reference() + " was changed by someone else (it is at version "
                + now + "); reload it, check their change and try again");
    }

    private void recordChanges(Incident before, Incident after, String actor, Instant at) {
        if (before.priority() != after.priority()) {
            entry(after, at, EntryKind.PRIORITY, actor, false, "Impact " + after.impact().label() + ", urgency "
                    + after.urgency().label(), before.priority().key(), after.priority().key());
        }
        if (!Objects.equals(before.teamId(), after.teamId()) || !Objects.equals(before.assigneeId(), after.assigneeId())) {
            entry(after, at, EntryKind.ASSIGNMENT, actor, false, null, assignment(before), assignment(after));
        }
        if (before.major() != after.major()) {
            entry(after, at, EntryKind.MAJOR, actor, false, after.major() ? "Declared a major incident"
                    : "No longer a major incident", null, null);
        }
        var changed = new ArrayList<String>();
        if (!before.title().equals(after.title())) {
            changed.add("title");
        }
        if (!Objects.equals(before.description(), after.description())) {
            changed.add("description");
        }
        if (!Objects.equals(before.callerId(), after.callerId())) {
            changed.add("caller");
        }
        if (!Objects.equals(before.category(), after.category())) {
            changed.add("category");
        }
        if (!Objects.equals(before.customerId(), after.customerId())) {
            changed.add("customer");
        }
        if (!new LinkedHashSet<>(before.ciIds()).equals(new LinkedHashSet<>(after.ciIds()))) {
            changed.add("affected CIs");
        }
        if (!changed.isEmpty()) {
            entry(after, at, EntryKind.CHANGE, actor, false, "Changed " + String.join(", ", changed), null, null);
        }
    }

    private String assignment(Incident incident) {
        var team = incident.teamId() == null ? null : teams.find(incident.teamId()).map(TeamRef::name).orElse(null);
        var person = incident.assigneeId() == null ? null
                : people.find(incident.assigneeId()).map(Person::name).orElse(null);
        var text = team == null ? "no team" : team;
        return person == null ? text : text + " / " + person;
    }

    private TimelineEntry entry(Incident incident, Instant at, EntryKind kind, String actor, boolean visibleToCaller,
            String body, String from, String to) {
        var entry = new TimelineEntry(Ids.newId(), incident.id(), at, kind, actor, visibleToCaller, body, from, to);
        incidents.insertEntry(entry);
        return entry;
    }

    /**
     * The customer after a change: the one {@code reference} names when it names another than before
     * ("" for none); else, when the caller changed, the new caller's customer; else the one it had. A
     * form sends the customer it shows, unchanged, with a new caller: the caller's customer wins then.
     */
    private UUID customer(Incident before, UUID callerId, String reference, Violations violations) {
        if (reference != null) {
            var named = customers.resolve("customer", reference, violations);
            var namedId = named == null ? null : named.id();
            if (!Objects.equals(namedId, before.customerId())) {
                return namedId;
            }
        }
        if (!Objects.equals(callerId, before.callerId())) {
            return customers.customerOf(callerId).orElse(null);
        }
        return before.customerId();
    }

    private List<UUID> services(List<CiSummary> cis) {
        if (cis.isEmpty()) {
            return List.of();
        }
        return inventory.businessServicesImpactedBy(cis.stream().map(CiSummary::id).toList()).stream()
                .map(CiSummary::id).toList();
    }

    private String category(String text, Violations violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return properties.categories().stream().filter(c -> c.equalsIgnoreCase(text.strip())).findFirst()
                .orElseGet(() -> {
                    violations.add("category", "must be one of " + String.join(", ", properties.categories()));
                    return null;
                });
    }

    private static Level level(String field, String text, Level fallback, Violations violations) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return Choice.parse(Level.class, text).orElseGet(() -> {
            violations.add(field, "must be one of " + Choice.keys(Level.class));
            return fallback;
        });
    }

    private static <E extends Enum<E> & Choice> E required(String field, String text, Class<E> type,
            Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add(field, "is required: one of " + Choice.keys(type));
            return null;
        }
        return Choice.parse(type, text).orElseGet(() -> {
            violations.add(field, "must be one of " + Choice.keys(type));
            return null;
        });
    }
}
