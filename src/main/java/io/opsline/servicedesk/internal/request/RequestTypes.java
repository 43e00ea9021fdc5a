package io.opsline.servicedesk.internal.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.People;
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.request.RequestTypeInput.FieldInput;
import io.opsline.servicedesk.internal.request.RequestTypeInput.TaskInput;

/** The catalogue of what can be requested, kept by admins; every change is versioned and audited. */
@Service
public class RequestTypes {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_LABEL = 100;
    static final int MAX_FIELDS = 50;
    static final int MAX_CHOICES = 50;
    static final int MAX_TASKS = 20;
    static final int MAX_TASK_TITLE = 200;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final RequestTypeRepository types;
    private final People people;
    private final Teams teams;
    private final AuditLog audit;

    RequestTypes(RequestTypeRepository types, People people, Teams teams, AuditLog audit) {
        this.types = types;
        this.people = people;
        this.teams = teams;
        this.audit = audit;
    }

    public List<RequestType> all() {
        return types.all(false);
    }

    /** What requesters may ask for now. */
    public List<RequestType> active() {
        return types.all(true);
    }

    public RequestType get(UUID id) {
        return types.find(id).orElseThrow(() -> new NotFoundException("Request type", id));
    }

    /** By id or by name (case-insensitive). */
    public RequestType get(String idOrName) {
        var id = Ids.parseOrNull(idOrName == null ? null : idOrName.strip());
        if (id != null) {
            return get(id);
        }
        return (blank(idOrName) ? Optional.<RequestType>empty() : types.findByName(idOrName.strip()))
                .orElseThrow(() -> new NotFoundException("Request type", idOrName));
    }

    @Transactional
    public RequestType create(RequestTypeInput input) {
        var now = Jdbc.now();
        var type = validated(Ids.newId(), input, now, now, 0);
        if (types.findByName(type.name()).isPresent()) {
            throw nameTaken(type.name());
        }
        types.insert(type);
        audit.record(new AuditEntry("request-type.create", "request-type", type.id().toString(),
                "Created request type " + type.name(), null, type));
        return type;
    }

    @Transactional
    public RequestType update(UUID id, RequestTypeInput input) {
        var before = get(id);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: the version of the request type the change is"
                    + " based on (now " + before.version() + ")");
        }
        if (input.version() != before.version()) {
            throw conflict(before);
        }
        var after = validated(id, input, before.createdAt(), Jdbc.now(), before.version() + 1);
        var sameName = types.findByName(after.name());
        if (sameName.isPresent() && !sameName.get().id().equals(id)) {
            throw nameTaken(after.name());
        }
        if (!types.update(after)) {
            throw conflict(before);
        }
        audit.record(new AuditEntry("request-type.update", "request-type", id.toString(),
                "Changed request type " + after.name(), before, after));
        return after;
    }

    /** Checks the input as {@link #create} would, storing nothing: for forms that found problems of their own. */
    public void check(RequestTypeInput input) {
        validated(Ids.newId(), input, Jdbc.now(), Jdbc.now(), 0);
    }

    private RequestType validated(UUID id, RequestTypeInput input, Instant createdAt, Instant now, long version) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), MAX_NAME);
        var description = violations.optional("description", input.description(), MAX_DESCRIPTION);
        var team = team("team", input.team(), violations);
        var approver = blank(input.approver()) ? null : people.resolve(input.approver()).orElse(null);
        if (!blank(input.approver()) && approver == null) {
            violations.add("approver", "no user " + input.approver().strip());
        } else if (approver != null && !approver.enabled()) {
            violations.add("approver", approver.username() + " is disabled");
        }
        var approverTeam = team("approverTeam", input.approverTeam(), violations);
        if (approver != null && approverTeam != null) {
            violations.add("approverTeam", "give an approving person or an approving team, not both");
        }
        var fields = fields(input.fields(), violations);
        var tasks = tasks(input.tasks(), violations);
        violations.throwIfAny("Invalid request type");
        return new RequestType(id, name, description, team == null ? null : team.id(),
                approver == null ? null : approver.id(), approverTeam == null ? null : approverTeam.id(),
                input.active() == null || input.active(), fields, tasks, createdAt, now, version);
    }

    private List<RequestField> fields(List<FieldInput> inputs, Violations violations) {
        var fields = new ArrayList<RequestField>();
        if (inputs == null) {
            return fields;
        }
        if (inputs.size() > MAX_FIELDS) {
            violations.add("fields", "at most " + MAX_FIELDS + " fields");
            return fields;
        }
        var keys = new HashSet<String>();
        for (var i = 0; i < inputs.size(); i++) {
            var at = "fields[" + i + "].";
            var input = inputs.get(i);
            if (input == null) {
                violations.add("fields[" + i + "]", "is empty");
                continue;
            }
            var key = input.key() == null ? "" : input.key().strip();
            if (key.isEmpty()) {
                violations.add(at + "key", "is required");
            } else if (!KEY.matcher(key).matches()) {
                violations.add(at + "key", "must start with a lower-case letter and hold only a-z, 0-9 and _,"
                        + " at most 40 characters");
            } else if (!keys.add(key)) {
                violations.add(at + "key", "'" + key + "' is used by another field");
            }
            var label = violations.required(at + "label", input.label(), MAX_LABEL);
            FieldKind kind = null;
            if (blank(input.type())) {
                violations.add(at + "type", "is required: one of " + Choice.keys(FieldKind.class));
            } else {
                kind = violations.optionalChoice(at + "type", input.type(), FieldKind.class);
            }
            var choices = choices(at, kind, input.choices(), violations);
            var maxLength = input.maxLength();
            if (maxLength != null && kind != null && kind != FieldKind.TEXT) {
                violations.add(at + "maxLength", "only a text field has a maximum length");
            } else if (maxLength != null && (maxLength < 1 || maxLength > RequestField.MAX_TEXT_LENGTH)) {
                violations.add(at + "maxLength", "must be between 1 and " + RequestField.MAX_TEXT_LENGTH);
            }
            fields.add(new RequestField(key, label, kind, Boolean.TRUE.equals(input.required()), choices, maxLength));
        }
        return fields;
    }

    private static List<String> choices(String at, FieldKind kind, List<String> given, Violations violations) {
        var choices = given == null ? List.<String>of()
                : given.stream().filter(c -> !blank(c)).map(String::strip).distinct().toList();
        if (kind == FieldKind.CHOICE && choices.isEmpty()) {
            violations.add(at + "choices", "a choice field needs at least one choice");
        } else if (kind != null && kind != FieldKind.CHOICE && !choices.isEmpty()) {
            violations.add(at + "choices", "only a choice field has choices");
        } else if (choices.size() > MAX_CHOICES) {
            violations.add(at + "choices", "at most " + MAX_CHOICES + " choices");
        } else if (choices.stream().anyMatch(c -> c.length() > MAX_LABEL || c.contains("\n"))) {
            violations.add(at + "choices", "each choice is one line of at most " + MAX_LABEL + " characters");
        }
        return choices;
    }

    private List<TaskTemplate> tasks(List<TaskInput> inputs, Violations violations) {
        var tasks = new ArrayList<TaskTemplate>();
        if (inputs == null) {
            return tasks;
        }
        if (inputs.size() > MAX_TASKS) {
            violations.add("tasks", "at most " + MAX_TASKS + " tasks");
            return tasks;
        }
        for (var i = 0; i < inputs.size(); i++) {
            var input = inputs.get(i);
            var title = violations.required("tasks[" + i + "].title", input == null ? null : input.title(),
                    MAX_TASK_TITLE);
            var team = team("tasks[" + i + "].team", input == null ? null : input.team(), violations);
            tasks.add(new TaskTemplate(title, team == null ? null : team.id()));
        }
        return tasks;
    }

    private TeamRef team(String field, String reference, Violations violations) {
        if (blank(reference)) {
            return null;
        }
        var team = teams.resolve(reference).orElse(null);
        if (team == null) {
            violations.add(field, "no team " + reference.strip());
        }
        return team;
    }

    private static ConflictException nameTaken(String name) {
        return ConflictException.onField("name", "a request type named '" + name + "' exists already");
    }

    private ConflictException conflict(RequestType current) {
        var now = types.find(current.id()).map(RequestType::version).orElse(current.version());
        return ConflictException.onField("version", "Request type " + current.name() + " was changed by someone else"
                + " (it is at version " + now + "); reload it, check their change and try again");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
