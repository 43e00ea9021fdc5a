package io.opsline.servicedesk.internal.fromalerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.Severity;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiSummary;
import io.opsline.inventory.Environment;
import io.opsline.platform.Choice;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.IncidentView.Named;
import io.opsline.servicedesk.internal.Level;
import io.opsline.servicedesk.internal.PriorityMatrix;
import io.opsline.servicedesk.internal.ServiceDeskProperties;

/**
 * The rules that turn alert groups into incidents: created, changed, ordered and deleted by admins,
 * every change audited. Positions run 1..n without gaps; whoever changes them locks every rule first.
 */
@Service
public class IncidentRules {

    static final int MAX_NAME = 100;
    static final int MAX_VALUES = 20;

    private final IncidentRuleRepository rules;
    private final PriorityMatrix matrix;
    private final ServiceDeskProperties properties;
    private final Teams teams;
    private final AuditLog audit;

    IncidentRules(IncidentRuleRepository rules, PriorityMatrix matrix, ServiceDeskProperties properties, Teams teams,
            AuditLog audit) {
        this.rules = rules;
        this.matrix = matrix;
        this.properties = properties;
        this.teams = teams;
        this.audit = audit;
    }

    /** Every rule in the order they are tried. */
    public List<IncidentRuleView> list() {
        return rules.findAll().stream().map(this::view).toList();
    }

    public IncidentRuleView get(UUID id) {
        return view(find(id));
    }

    /** Whether some enabled rule takes alerts this severe: when none does, no alert of it opens an incident. */
    Predicate<Severity> severitiesTaken() {
        var all = rules.findAll();
        return severity -> all.stream().anyMatch(rule -> rule.takes(severity));
    }

    /** The first enabled rule, by position, that an alert of this severity about this CI (or none) meets. */
    Optional<IncidentRule> firstMatch(Severity severity, CiSummary ci) {
        return rules.findAll().stream().filter(rule -> rule.matches(severity, ci)).findFirst();
    }

    /** A new rule, at {@code position} (the others move down) or after the last one. */
    @Transactional
    public IncidentRuleView create(IncidentRuleInput input) {
        var existing = rules.findAllForUpdate();
        var violations = new Violations();
        var position = position(input.position(), existing.size() + 1, violations);
        var now = Jdbc.now();
        var rule = validate(Ids.newId(), input, violations, now, now, 0);
        var order = new ArrayList<>(existing);
        order.add(position - 1, rule);
        rules.insert(rule.at(position));
        renumber(order);
        var created = find(rule.id());
        audit.record(new AuditEntry("incident-rule.create", "incident-rule", rule.id().toString(),
                "Created incident rule " + rule.name() + " at position " + created.position(), null, created));
        return view(created);
    }

    /** Changes everything but the position, on top of the {@code version} the writer read. */
    @Transactional
    public IncidentRuleView update(UUID id, IncidentRuleInput input) {
        var before = find(id);
        var violations = new Violations();
        if (input.version() == null) {
            violations.add("version", "is required: the version of the rule you changed (now " + before.version() + ")");
        }
        var changed = validate(id, input, violations, before.createdAt(), Jdbc.now(), before.version());
        if (!rules.update(changed, input.version())) {
            throw ConflictException.onField("version", "the incident rule was changed by someone else (it is at version "
                    + find(id).version() + "); reload it and apply your change again");
        }
        var after = find(id);
        audit.record(new AuditEntry("incident-rule.update", "incident-rule", id.toString(),
                "Changed incident rule " + after.name(), before, after));
        return view(after);
    }

    @Transactional
    public void delete(UUID id) {
        var existing = rules.findAllForUpdate();
        var rule = existing.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> notFound(id));
        rules.delete(id);
        renumber(existing.stream().filter(r -> !r.id().equals(id)).toList());
        audit.record(new AuditEntry("incident-rule.delete", "incident-rule", id.toString(),
                "Deleted incident rule " + rule.name(), rule, null));
    }

    /** Moves a rule one place up or down, or to a position; the rules between shift by one. */
    @Transactional
    public List<IncidentRuleView> move(UUID id, RuleMove move) {
        var existing = rules.findAllForUpdate();
        var rule = existing.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> notFound(id));
        var violations = new Violations();
        var direction = move.direction() == null || move.direction().isBlank() ? null
                : move.direction().strip().toLowerCase();
        int target = rule.position();
        if (direction != null && move.position() != null) {
            violations.add("position", "give either a direction or a position, not both");
        } else if (direction != null) {
            switch (direction) {
                case "up" -> target = Math.max(1, rule.position() - 1);
                case "down" -> target = Math.min(existing.size(), rule.position() + 1);
                default -> violations.add("direction", "must be up or down");
            }
        } else if (move.position() != null) {
            target = position(move.position(), existing.size(), violations);
        } else {
            violations.add("direction", "is required (up or down), or a position from 1 to " + existing.size());
        }
        violations.throwIfAny("Invalid move of incident rule " + rule.name());
        var order = new ArrayList<>(existing.stream().filter(r -> !r.id().equals(id)).toList());
        order.add(target - 1, rule);
        renumber(order);
        var after = rules.findAll();
        audit.record(new AuditEntry("incident-rule.move", "incident-rule", id.toString(), "Moved incident rule "
                + rule.name() + " from position " + rule.position() + " to " + target,
                existing.stream().map(IncidentRule::name).toList(), after.stream().map(IncidentRule::name).toList()));
        return after.stream().map(this::view).toList();
    }

    IncidentRuleView view(IncidentRule rule) {
        var team = rule.teamId() == null ? null
                : new Named(rule.teamId(), teams.find(rule.teamId()).map(TeamRef::name).orElse(null));
        return new IncidentRuleView(rule.id(), rule.name(), rule.position(), rule.enabled(),
                rule.minSeverity().name().toLowerCase(), sorted(rule.ciClasses()), sorted(rule.environments()),
                rule.impact(), rule.urgency(), matrix.priority(rule.impact(), rule.urgency()), team, rule.category(),
                rule.autoResolve(), rule.createdAt(), rule.updatedAt(), rule.version());
    }

    private IncidentRule find(UUID id) {
        return rules.find(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("Incident rule", id);
    }

    private void renumber(List<IncidentRule> order) {
        for (var i = 0; i < order.size(); i++) {
            rules.move(order.get(i).id(), i + 1);
        }
    }

    private static int position(Integer wanted, int last, Violations violations) {
        if (wanted == null) {
            return last;
        }
        if (wanted < 1 || wanted > last) {
            violations.add("position", "must be from 1 to " + last);
            return last;
        }
        return wanted;
    }

    private IncidentRule validate(UUID id, IncidentRuleInput input, Violations violations,
            Instant createdAt, Instant updatedAt, long version) {
        var name = violations.required("name", input.name(), MAX_NAME);
        if (name != null && rules.nameTaken(name, id)) {
            violations.add("name", "an incident rule named " + name + " exists already");
        }
        Severity minSeverity = null;
        if (input.minSeverity() == null || input.minSeverity().isBlank()) {
            violations.add("minSeverity", "is required: critical, error, warning or info");
        } else {
            minSeverity = Severity.parse(input.minSeverity()).orElse(null);
            if (minSeverity == null) {
                violations.add("minSeverity", "'" + input.minSeverity() + "' is no severity: use critical, error,"
                        + " warning or info");
            }
        }
        var ciClasses = choices("ciClasses", input.ciClasses(), CiClass.class, violations);
        var environments = choices("environments", input.environments(), Environment.class, violations);
        var impact = level("impact", input.impact(), violations);
        var urgency = level("urgency", input.urgency(), violations);
        UUID teamId = null;
        if (input.team() != null && !input.team().isBlank()) {
            teamId = teams.resolve(input.team().strip()).map(TeamRef::id).orElse(null);
            if (teamId == null) {
                violations.add("team", "no team " + input.team().strip());
            }
        }
        String category = null;
        if (input.category() != null && !input.category().isBlank()) {
            category = properties.categories().stream().filter(c -> c.equalsIgnoreCase(input.category().strip()))
                    .findFirst().orElse(null);
            if (category == null) {
                violations.add("category", "must be one of " + String.join(", ", properties.categories()));
            }
        }
        violations.throwIfAny("Invalid incident rule");
        return new IncidentRule(id, name, 0, input.enabled() == null || input.enabled(), minSeverity, ciClasses,
                environments, impact, urgency, teamId, category, Boolean.TRUE.equals(input.autoResolve()), createdAt,
                updatedAt, version);
    }

    private static Level level(String field, String text, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add(field, "is required: one of " + Choice.keys(Level.class));
            return null;
        }
        return violations.optionalChoice(field, text, Level.class);
    }

    private static <E extends Enum<E> & Choice> Set<E> choices(String field, List<String> texts, Class<E> type,
            Violations violations) {
        var found = EnumSet.noneOf(type);
        if (texts == null) {
            return found;
        }
        if (texts.size() > MAX_VALUES) {
            violations.add(field, "at most " + MAX_VALUES + " values");
            return found;
        }
        for (var i = 0; i < texts.size(); i++) {
            var choice = violations.optionalChoice(field + "[" + i + "]", texts.get(i), type);
            if (choice != null) {
                found.add(choice);
            }
        }
        return found;
    }

    private static <E extends Enum<E>> List<E> sorted(Set<E> values) {
        return values.stream().sorted().toList();
    }
}
