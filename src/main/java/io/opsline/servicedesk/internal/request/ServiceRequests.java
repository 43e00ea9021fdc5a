package io.opsline.servicedesk.internal.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.identity.Teams;
import io.opsline.platform.ConflictException;
import io.opsline.platform.ForbiddenException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.RefusedMove;
import io.opsline.servicedesk.internal.Incidents;
import io.opsline.servicedesk.internal.request.ServiceRequest.FieldValue;

/**
 * Opens service requests from their types and carries them through approval and fulfilment. Every
 * change to a request or a task is checked against the version its writer read (the second of two
 * writers gets a conflict), written to the request's timeline and to the audit log.
 */
@Service
public class ServiceRequests {

    static final int MAX_TEXT = 20_000;
    static final int MAX_DECISION_COMMENT = 4000;
    private static final String NOT_FOUND = "Service request";

    private final ServiceRequestRepository requests;
    private final RequestTypes types;
    private final People people;
    private final Teams teams;
    private final AuditLog audit;

    ServiceRequests(ServiceRequestRepository requests, RequestTypes types, People people, Teams teams, AuditLog audit) {
        this.requests = requests;
        this.types = types;
        this.people = people;
        this.teams = teams;
        this.audit = audit;
    }

    public ServiceRequest get(UUID id) {
        return requests.find(id).orElseThrow(() -> new NotFoundException(NOT_FOUND, id));
    }

    /** By id or by reference (REQ-000123). */
    public ServiceRequest get(String idOrReference) {
        var id = Ids.parseOrNull(idOrReference);
        if (id != null) {
            return get(id);
        }
        var number = ServiceRequest.parseReference(idOrReference);
        return (number > 0 ? requests.findByNumber(number) : Optional.<ServiceRequest>empty())
                .orElseThrow(() -> new NotFoundException(NOT_FOUND, idOrReference));
    }

    /** The request if {@code requester} opened it; to anyone else it does not exist. */
    public ServiceRequest own(String idOrReference, Person requester) {
        var request = get(idOrReference);
        if (!request.requesterId().equals(requester.id())) {
            throw new NotFoundException(NOT_FOUND, idOrReference);
        }
        return request;
    }

    public Page<ServiceRequest> search(RequestFilter filter, PageRequest page) {
        return requests.search(filter, page);
    }

    public List<RequestTask> tasks(UUID id) {
        return requests.tasks(id);
    }

    public List<RequestEntry> timeline(UUID id, boolean requesterView) {
        return requests.timeline(id, requesterView);
    }

    /** Whether this person may approve or reject the request: its approver, or a member of its approving team. */
    public boolean mayDecide(ServiceRequest request, UUID personId) {
        return personId != null && (personId.equals(request.approverId())
                || request.approverTeamId() != null && teams.isMember(request.approverTeamId(), personId));
    }

    /** Opens a request for the person {@code input.requester()} names, or for {@code actor} when it names nobody. */
    @Transactional
    public ServiceRequest submit(RequestInput input, Person actor) {
        var violations = new Violations();
        var requester = actor;
        if (input.requester() != null && !input.requester().isBlank()) {
            requester = people.resolve(input.requester()).orElse(null);
            if (requester == null) {
                violations.add("requester", "no user " + input.requester().strip());
            }
        }
        return open(input, requester, actor.username(), violations);
    }

    /** Opens a request for its requester themself (the portal): whoever else the input names is ignored. */
    @Transactional
    public ServiceRequest submitOwn(RequestInput input, Person requester) {
        return open(input, requester, requester.username(), new Violations());
    }

    private ServiceRequest open(RequestInput input, Person requester, String actor, Violations violations) {
        RequestType type = null;
        if (input.type() == null || input.type().isBlank()) {
            violations.add("type", "is required");
        } else {
            try {
                type = types.get(input.type());
                if (!type.active()) {
                    violations.add("type", type.name() + " can no longer be requested");
                }
            } catch (NotFoundException e) {
                violations.add("type", "no request type " + input.type().strip());
            }
        }
        var values = type == null ? List.<FieldValue>of() : values(type, input.values(), violations);
        violations.throwIfAny("Invalid request");

        var now = Jdbc.now();
        var state = type.needsApproval() ? RequestState.AWAITING_APPROVAL : RequestState.IN_FULFILMENT;
        var request = new ServiceRequest(Ids.newId(), requests.nextNumber(), type.id(), type.name(), requester.id(),
                actor, state, type.approverId(), type.approverTeamId(), null, null, null, type.teamId(), now, now, null,
                null, 0, values);
        requests.insert(request);
        entry(request, now, RequestEntryKind.CREATED, actor, true, "Requested " + type.name() + " as "
                + request.reference(), null, RequestState.SUBMITTED.key());
        entry(request, now, RequestEntryKind.STATE, actor, true, type.needsApproval() ? "Waiting for approval" : null,
                RequestState.SUBMITTED.key(), state.key());
        if (!type.needsApproval()) {
            createTasks(request, type, now);
        }
        audit.record(new AuditEntry("service-request.create", "service-request", request.id().toString(),
                "Opened " + request.reference() + ": " + type.name(), null, request));
        return request;
    }

    /**
     * The approver's answer. Only the approver (or a member of the approving team) may give it; an
     * approval starts fulfilment at once, creating the type's tasks.
     */
    @Transactional
    public ServiceRequest decide(UUID id, DecisionInput input, Person who) {
        var before = get(id);
        if (!mayDecide(before, who.id())) {
            throw new ForbiddenException("Only the approver of " + before.reference() + " may approve or reject it");
        }
        checkVersion(before, input.version());
        if (before.state() != RequestState.AWAITING_APPROVAL) {
            throw ConflictException.onField("state", before.reference() + " is " + before.state().label()
                    + "; only a request awaiting approval can be approved or rejected");
        }
        var violations = new Violations();
        var approve = switch (input.decision() == null ? "" : input.decision().strip().toLowerCase()) {
            case "approve", "approved" -> Boolean.TRUE;
            case "reject", "rejected" -> Boolean.FALSE;
            default -> {
                violations.add("decision", "must be approve or reject");
                yield null;
            }
        };
        var comment = Boolean.FALSE.equals(approve)
                ? violations.required("comment", input.comment(), MAX_DECISION_COMMENT)
                : violations.optional("comment", input.comment(), MAX_DECISION_COMMENT);
        violations.throwIfAny("Invalid decision on " + before.reference());

        var now = Jdbc.now();
        var decided = approve ? RequestState.APPROVED : RequestState.REJECTED;
        var after = before.decided(approve ? RequestState.IN_FULFILMENT : decided, who.username(), comment, now);
        store(before, after);
        entry(after, now, RequestEntryKind.APPROVAL, who.username(), true, comment, before.state().key(), decided.key());
        if (approve) {
            entry(after, now, RequestEntryKind.STATE, who.username(), true, null, decided.key(),
                    RequestState.IN_FULFILMENT.key());
            createTasks(after, types.get(after.typeId()), now);
        }
        audit.record(new AuditEntry(approve ? "service-request.approve" : "service-request.reject", "service-request",
                id.toString(), before.reference() + " " + decided.label().toLowerCase() + " by " + who.username(),
                before, after));
        return after;
    }

    /** A move the desk makes by hand: fulfilled (once no task is open) or closed. */
    @Transactional
    public ServiceRequest transition(UUID id, RequestMove move, String actor) {
        var before = get(id);
        checkVersion(before, move.version());
        var violations = new Violations();
        RequestState target = null;
        if (move.state() == null || move.state().isBlank()) {
            violations.add("state", "is required");
        } else {
            target = violations.optionalChoice("state", move.state(), RequestState.class);
        }
        var comment = violations.optional("comment", move.comment(), MAX_TEXT);
        violations.throwIfAny("Invalid state change");
        if (!before.state().staffMoves().contains(target)) {
            throw RefusedMove.of(before.reference(), before.state(), target, before.state().staffMoves());
        }
        if (target == RequestState.FULFILLED) {
            var open = requests.tasks(id).stream().filter(t -> t.state() == TaskState.OPEN).count();
            if (open > 0) {
                throw ConflictException.onField("state", before.reference() + " has " + open + " open "
                        + (open == 1 ? "task" : "tasks") + "; it is fulfilled when the last one is done");
            }
        }
        return move(before, target, comment, actor, "service-request.transition");
    }

    /** The requester withdraws the request; only before fulfilment has begun. */
    @Transactional
    public ServiceRequest cancel(UUID id, RequestMove move, String actor) {
        var before = get(id);
        checkVersion(before, move.version());
        var violations = new Violations();
        var comment = violations.optional("comment", move.comment(), MAX_TEXT);
        violations.throwIfAny("Invalid cancellation");
        if (!before.state().cancellable()) {
            throw ConflictException.onField("state", before.reference() + " is " + before.state().label()
                    + "; a request can be cancelled only before its fulfilment has begun");
        }
        return move(before, RequestState.CANCELLED, comment, actor, "service-request.cancel");
    }

    /**
     * Assigns a task or marks it done (or open again). When the last open task is done the request is
     * fulfilled. Task changes on one request take turns (its row is locked), so on several nodes
     * exactly one change finishes it.
     */
    @Transactional
    public RequestTask changeTask(UUID requestId, UUID taskId, TaskChange change, String actor) {
        requests.lock(requestId);
        var request = get(requestId);
        var tasks = requests.tasks(requestId);
        var before = tasks.stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("Task", taskId));
        if (change.version() == null) {
            throw InvalidInputException.of("version", "is required: the version of the task the change is based on"
                    + " (now " + before.version() + ")");
        }
        if (change.version() != before.version()) {
            throw ConflictException.onField("version", "The task '" + before.title() + "' was changed by someone else"
                    + " (it is at version " + before.version() + "); reload it and try again");
        }
        if (request.state() != RequestState.IN_FULFILMENT) {
            throw ConflictException.onField("state", request.reference() + " is " + request.state().label()
                    + "; its tasks change only while it is in fulfilment");
        }
        var violations = new Violations();
        var assigneeId = before.assigneeId();
        if (change.assignee() != null) {
            assigneeId = assignee(change.assignee(), before.teamId(), violations);
        }
        var state = before.state();
        if (change.state() != null) {
            var parsed = violations.optionalChoice("state", change.state(), TaskState.class);
            state = parsed == null ? state : parsed;
        }
        violations.throwIfAny("Invalid change to a task of " + request.reference());
        if (Objects.equals(assigneeId, before.assigneeId()) && state == before.state()) {
            return before;
        }

        var now = Jdbc.now();
        var done = state == TaskState.DONE;
        var after = new RequestTask(before.id(), requestId, before.position(), before.title(), before.teamId(),
                assigneeId, state, done ? (before.state() == TaskState.DONE ? before.doneBy() : actor) : null,
                done ? (before.state() == TaskState.DONE ? before.doneAt() : now) : null, before.version() + 1);
        if (!requests.updateTask(after)) {
            throw ConflictException.onField("version", "The task '" + before.title() + "' was changed by someone else;"
                    + " reload it and try again");
        }
        var changes = new ArrayList<String>();
        if (!Objects.equals(before.assigneeId(), assigneeId)) {
            changes.add(after.assigneeId() == null ? "unassigned"
                    : "assigned to " + people.find(after.assigneeId()).map(Person::name).orElse("?"));
        }
        if (before.state() != after.state()) {
            changes.add(done ? "done" : "open again");
        }
        entry(request, now, RequestEntryKind.TASK, actor, false, "Task '" + after.title() + "' "
                + String.join(", ", changes), before.state().key(), after.state().key());
        audit.record(new AuditEntry("service-request.task", "service-request", requestId.toString(),
                request.reference() + ": task '" + after.title() + "' " + String.join(", ", changes), before, after));
        var allDone = tasks.stream().allMatch(t -> t.id().equals(taskId) ? done : t.state() == TaskState.DONE);
        if (done && allDone) {
            move(request, RequestState.FULFILLED, "Every task is done", actor, "service-request.transition");
        }
        return after;
    }

    /** Adds a comment (the requester sees it) or an internal note (only the desk does). */
    @Transactional
    public RequestEntry comment(UUID id, RequestComment input, String actor) {
        var request = get(id);
        var violations = new Violations();
        var body = violations.required("body", input.body(), MAX_TEXT);
        violations.throwIfAny("Invalid comment");
        var internal = Boolean.TRUE.equals(input.internal());
        var entry = entry(request, Jdbc.now(), internal ? RequestEntryKind.INTERNAL_NOTE : RequestEntryKind.COMMENT,
                actor, !internal, body, null, null);
        audit.record(new AuditEntry(internal ? "service-request.internal-note" : "service-request.comment",
                "service-request", id.toString(), (internal ? "Internal note on " : "Comment on ") + request.reference(),
                null, entry));
        return entry;
    }

    private ServiceRequest move(ServiceRequest before, RequestState target, String comment, String actor,
            String action) {
        var now = Jdbc.now();
        var after = before.moved(target, now);
        store(before, after);
        entry(after, now, RequestEntryKind.STATE, actor, true, comment, before.state().key(), target.key());
        audit.record(new AuditEntry(action, "service-request", before.id().toString(), before.reference() + ": "
                + before.state().label() + " → " + target.label(), before, after));
        return after;
    }

    private void createTasks(ServiceRequest request, RequestType type, Instant now) {
        var templates = type.tasks();
        for (var i = 0; i < templates.size(); i++) {
            var template = templates.get(i);
            var task = new RequestTask(Ids.newId(), request.id(), i, template.title(),
                    template.teamId() != null ? template.teamId() : request.teamId(), null, TaskState.OPEN, null, null, 0);
            requests.insertTask(task);
        }
        if (!templates.isEmpty()) {
            entry(request, now, RequestEntryKind.TASK, Incidents.SYSTEM, false, "Created " + templates.size()
                    + (templates.size() == 1 ? " task: " : " tasks: ")
                    + templates.stream().map(TaskTemplate::title).collect(Collectors.joining(", ")), null, null);
        }
    }

    private List<FieldValue> values(RequestType type, Map<String, Object> given, Violations violations) {
        var values = given == null ? Map.<String, Object>of() : given;
        var known = new HashSet<String>();
        var accepted = new ArrayList<FieldValue>();
        for (var field : type.fields()) {
            known.add(field.key());
            var value = field.accept(values.get(field.key()), violations);
            if (value != null) {
                accepted.add(new FieldValue(field.key(), field.label(), value));
            }
        }
        values.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> violations.add("values." + k, "is not a field of " + type.name()));
        return accepted;
    }

    private UUID assignee(String reference, UUID teamId, Violations violations) {
        if (reference.isBlank()) {
            return null;
        }
        var person = people.resolve(reference).orElse(null);
        if (person == null) {
            violations.add("assignee", "no user " + reference.strip());
            return null;
        }
        if (teamId != null && !teams.isMember(teamId, person.id())) {
            violations.add("assignee", person.username() + " is not a member of team "
                    + teams.find(teamId).map(t -> t.name()).orElse("of the task"));
        } else if (!person.enabled()) {
            violations.add("assignee", person.username() + " is disabled");
        }
        return person.id();
    }

    private void store(ServiceRequest before, ServiceRequest after) {
        if (!requests.update(after)) {
            throw conflict(before);
        }
    }

    private void checkVersion(ServiceRequest current, Long version) {
        if (version == null) {
            throw InvalidInputException.of("version", "is required: the version of " + current.reference()
                    + " the change is based on (now " + current.version() + ")");
        }
        if (version != current.version()) {
            throw conflict(current);
        }
    }

    private ConflictException conflict(ServiceRequest current) {
        var now = requests.find(current.id()).map(ServiceRequest::version).orElse(current.version());
        return ConflictException.onField("version", current.reference() + " was changed by someone else (it is at"
                + " version " + now + "); reload it, check their change and try again");
    }

    private RequestEntry entry(ServiceRequest request, Instant at, RequestEntryKind kind, String actor,
            boolean visibleToRequester, String body, String from, String to) {
        var entry = new RequestEntry(Ids.newId(), request.id(), at, kind, actor, visibleToRequester, body, from, to);
        requests.insertEntry(entry);
        return entry;
    }
}
