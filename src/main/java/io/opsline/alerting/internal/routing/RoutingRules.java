package io.opsline.alerting.internal.routing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.alerting.Severity;
import io.opsline.alerting.internal.oncall.EscalationPolicies;
import io.opsline.alerting.internal.oncall.TimeInputs;
import io.opsline.alerting.internal.routing.RuleInput.ConditionsInput;
import io.opsline.alerting.internal.routing.RuleInput.TimeInput;
import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.identity.Teams;
import io.opsline.inventory.CiClass;
import io.opsline.inventory.Environment;
import io.opsline.inventory.Inventory;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/** Creating, changing, ordering and trying out routing rules. */
@Service
public class RoutingRules {

    static final int MAX_VALUES = 50;
    static final int MAX_LABELS = 20;

    private final RoutingRuleRepository rules;
    private final Routing routing;
    private final EscalationPolicies policies;
    private final Teams teams;
    private final Inventory inventory;
    private final AuditLog audit;

    RoutingRules(RoutingRuleRepository rules, Routing routing, EscalationPolicies policies, Teams teams,
            Inventory inventory, AuditLog audit) {
        this.rules = rules;
        this.routing = routing;
        this.policies = policies;
        this.teams = teams;
        this.inventory = inventory;
        this.audit = audit;
    }

    /** Every rule in the order they are tried. */
    public List<RoutingRule> list() {
        return rules.findAll();
    }

    public RoutingRule get(UUID id) {
        return rules.find(id).orElseThrow(() -> new NotFoundException("Routing rule", id));
    }

    /** A new rule, tried after all existing ones. */
    @Transactional
    public RoutingRule create(RuleInput input) {
        var now = Jdbc.now();
        var rule = validate(Ids.newId(), input, rules.nextPosition(), now, now, 0);
        rules.insert(rule);
        routing.forget();
        audit.record(new AuditEntry("routing-rule.create", "routing-rule", rule.id().toString(),
                "Created routing rule " + rule.name(), null, rule));
        return rule;
    }

    @Transactional
    public RoutingRule update(UUID id, RuleInput input) {
        var existing = get(id);
        if (input.version() == null) {
            new Violations().add("version", "is required: send the version you last read")
                    .throwIfAny("Invalid routing rule");
        }
        var changed = validate(id, input, existing.position(), existing.createdAt(), Jdbc.now(), existing.version());
        if (!rules.update(changed, input.version())) {
            throw ConflictException.onField("version", "the routing rule was changed by someone else (now version %d,"
                    .formatted(existing.version()) + " you sent %d); reload and apply your change again"
                            .formatted(input.version()));
        }
        routing.forget();
        var after = get(id);
        audit.record(new AuditEntry("routing-rule.update", "routing-rule", id.toString(),
                "Updated routing rule " + after.name(), existing, after));
        return after;
    }

    @Transactional
    public void delete(UUID id) {
        var rule = get(id);
        rules.delete(id);
        routing.forget();
        audit.record(new AuditEntry("routing-rule.delete", "routing-rule", id.toString(),
                "Deleted routing rule " + rule.name(), rule, null));
    }

    /** Puts the rules in the given order; the order must name every rule once. */
    @Transactional
    public List<RoutingRule> reorder(RuleOrder order) {
        var existing = rules.findAllForUpdate();
        var ids = new LinkedHashSet<UUID>();
        var violations = new Violations();
        for (var text : order.ids() == null ? List.<String>of() : order.ids()) {
            var id = text == null ? null : Ids.parseOrNull(text.strip());
            if (id == null || !ids.add(id)) {
                violations.add("ids", "'%s' is no rule id or named twice".formatted(text));
            }
        }
        var known = existing.stream().map(RoutingRule::id).toList();
        if (violations.isEmpty() && !(ids.size() == known.size() && ids.containsAll(known))) {
            violations.add("ids", "must name every routing rule exactly once (there are %d)".formatted(known.size()));
        }
        violations.throwIfAny("Invalid rule order");
        var position = 0;
        for (var id : ids) {
            rules.move(id, position++);
        }
        routing.forget();
        var after = rules.findAll();
        audit.record(new AuditEntry("routing-rule.reorder", "routing-rule", null, "Reordered the routing rules",
                existing.stream().map(RoutingRule::name).toList(), after.stream().map(RoutingRule::name).toList()));
        return after;
    }

    /** How a sample alert would be routed, and why. */
    @Transactional(readOnly = true)
    public RoutingVerdict test(RoutingTestInput input) {
        var violations = new Violations();
        var severity = Severity.parse(input.severity()).orElse(null);
        if (severity == null) {
            violations.add("severity", "must be one of critical, error, warning, info");
        }
        var source = violations.optional("source", input.source(), 100);
        var ciId = violations.optionalId("ciId", input.ciId(), "must be a CI id");
        var ci = ciId == null ? null : inventory.find(ciId).orElse(null);
        if (ciId != null && ci == null) {
            violations.add("ciId", "no CI with id " + ciId);
        }
        var at = TimeInputs.instant("at", input.at(), false, violations);
        violations.throwIfAny("Invalid sample alert");
        return routing.explain(new RoutableAlert(source, severity, input.labels(), ci), at == null ? Jdbc.now() : at);
    }

    private RoutingRule validate(UUID id, RuleInput input, int position, Instant createdAt, Instant updatedAt,
            long version) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), 100);
        var policyId = violations.optionalId("policyId", input.policyId(), "must be an escalation policy id");
        if (input.policyId() == null || input.policyId().isBlank()) {
            violations.add("policyId", "is required: the escalation policy alerts matching the rule go to");
        } else if (policyId != null && !policies.exists(policyId)) {
            violations.add("policyId", "no escalation policy with id " + policyId);
        }
        var conditions = conditions(input.conditions() == null
                ? new ConditionsInput(null, null, null, null, null, null, null, null)
                : input.conditions(), violations);
        violations.throwIfAny("Invalid routing rule");
        var enabled = input.enabled() == null || input.enabled();
        return new RoutingRule(id, name, position, enabled, conditions, policyId, createdAt, updatedAt, version);
    }

    private RuleConditions conditions(ConditionsInput input, Violations violations) {
        var severities = EnumSet.noneOf(Severity.class);
        for (var text : values("conditions.severities", input.severities(), violations)) {
            Severity.parse(text).ifPresentOrElse(severities::add, () -> violations.add("conditions.severities",
                    "'%s' is no severity: use critical, error, warning, info".formatted(text)));
        }
        var ciClasses = EnumSet.noneOf(CiClass.class);
        for (var text : values("conditions.ciClasses", input.ciClasses(), violations)) {
            var ciClass = violations.optionalChoice("conditions.ciClasses", text, CiClass.class);
            if (ciClass != null) {
                ciClasses.add(ciClass);
            }
        }
        var environments = EnumSet.noneOf(Environment.class);
        for (var text : values("conditions.environments", input.environments(), violations)) {
            var environment = violations.optionalChoice("conditions.environments", text, Environment.class);
            if (environment != null) {
                environments.add(environment);
            }
        }
        var ownerTeams = new HashSet<UUID>();
        for (var text : values("conditions.ownerTeams", input.ownerTeams(), violations)) {
            teams.resolve(text).ifPresentOrElse(t -> ownerTeams.add(t.id()),
                    () -> violations.add("conditions.ownerTeams", "no team '%s'".formatted(text)));
        }
        return new RuleConditions(severities, values("conditions.sources", input.sources(), violations), ciClasses,
                environments, ownerTeams, values("conditions.tags", input.tags(), violations),
                labels(input.labels(), violations), time(input.time(), violations));
    }

    /** The distinct, trimmed, non-blank values of a list, refusing too many or too long ones. */
    private static Set<String> values(String field, List<String> given, Violations violations) {
        var values = new LinkedHashSet<String>();
        if (given == null) {
            return values;
        }
        if (given.size() > MAX_VALUES) {
            violations.add(field, "may hold at most %d values".formatted(MAX_VALUES));
            return values;
        }
        for (var text : given) {
            var value = violations.optional(field, text, 100);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    private static Map<String, String> labels(Map<String, String> given, Violations violations) {
        var labels = new HashMap<String, String>();
        if (given == null) {
            return labels;
        }
        if (given.size() > MAX_LABELS) {
            violations.add("conditions.labels", "may match at most %d labels".formatted(MAX_LABELS));
            return labels;
        }
        given.forEach((name, value) -> {
            if (name == null || name.isBlank() || name.length() > 200 || value == null || value.length() > 1000) {
                violations.add("conditions.labels", "label names must have 1 to 200 characters and values"
                        + " at most 1000");
            } else {
                labels.put(name, value);
            }
        });
        return labels;
    }

    private static TimeWindow time(TimeInput input, Violations violations) {
        if (input == null) {
            return null;
        }
        var zone = TimeInputs.zone("conditions.time.timeZone", input.timeZone(), violations);
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (var text : input.days() == null ? List.<String>of() : input.days()) {
            var day = TimeInputs.day("conditions.time.days", text, violations);
            if (day != null) {
                days.add(day);
            }
        }
        var from = TimeInputs.time("conditions.time.from", input.from(), false, violations);
        var to = TimeInputs.time("conditions.time.to", input.to(), false, violations);
        var fromGiven = input.from() != null && !input.from().isBlank();
        var toGiven = input.to() != null && !input.to().isBlank();
        if (fromGiven != toGiven) {
            violations.add("conditions.time", "needs both from and to, or neither for whole days");
        } else if (from != null && from.equals(to)) {
            violations.add("conditions.time.to", "must differ from from: leave both out for whole days");
        }
        return new TimeWindow(days, from, to, zone);
    }
}
