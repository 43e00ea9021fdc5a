package io.opsline.metrics.internal.rules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.AuditEntry;
import io.opsline.identity.AuditLog;
import io.opsline.metrics.RuleSeverity;
import io.opsline.metrics.internal.promql.Durations;
import io.opsline.metrics.internal.promql.Expr.ValueType;
import io.opsline.metrics.internal.promql.PromqlException;
import io.opsline.metrics.internal.promql.PromqlParser;
import io.opsline.metrics.internal.rules.SeriesState.Phase;
import io.opsline.platform.ConflictException;
import io.opsline.platform.Ids;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Jdbc;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;

/** Threshold rules over metric expressions, kept by admins and audited; {@link RuleEvaluator} evaluates them. */
@Service
public class MetricRules {

    private static final int MAX_NAME = 200;
    private static final int MAX_EXPRESSION = 4000;
    private static final int MAX_SUMMARY = 1000;

    private final MetricRuleRepository rules;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    MetricRules(MetricRuleRepository rules, ApplicationEventPublisher events, AuditLog audit) {
        this.rules = rules;
        this.events = events;
        this.audit = audit;
    }

    public List<MetricRule> list() {
        return rules.findAll();
    }

    public MetricRule get(UUID id) {
        return rules.find(id).orElseThrow(() -> new NotFoundException("Metric rule", id));
    }

    /** Every pending or firing series of every rule, by rule then labels; other series are inactive. */
    public List<SeriesState> states() {
        return rules.allStates();
    }

    public List<SeriesState> states(UUID ruleId) {
        return rules.states(ruleId);
    }

    @Transactional
    public MetricRule create(MetricRuleInput input, String actor) {
        var rule = validate(Ids.newId(), input, actor, Jdbc.now(), 0);
        rules.insert(rule);
        audit.record(new AuditEntry("metric-rule.create", "metric-rule", rule.id().toString(),
                "Created metric rule " + rule.name(), null, rule));
        return rule;
    }

    /**
     * Changes a rule. Its series keep their states: a changed threshold applies from the next
     * evaluation, which resolves what no longer compares true.
     *
     * @throws ConflictException when it changed since {@code version}
     */
    @Transactional
    public MetricRule update(UUID id, MetricRuleInput input) {
        var before = get(id);
        if (input.version() == null) {
            throw InvalidInputException.of("version", "is required: the version the change is based on");
        }
        var after = validate(id, input, before.createdBy(), before.createdAt(), input.version() + 1);
        if (input.version() != before.version() || !rules.update(after)) {
            throw new ConflictException("Metric rule " + id + " was changed meanwhile; reload it and try again");
        }
        audit.record(new AuditEntry("metric-rule.update", "metric-rule", id.toString(),
                "Changed metric rule " + after.name(), before, after));
        return after;
    }

    /** Deletes a rule with its series' states, resolving the alerts of its firing series. */
    @Transactional
    public void delete(UUID id) {
        var before = get(id);
        var now = Jdbc.now();
        var resolved = rules.states(id).stream().filter(s -> s.phase() == Phase.FIRING)
                .map(s -> RuleEvaluator.resolve(before, s.seriesKey(), s.labels(), s.value(), now, "rule deleted"))
                .toList();
        rules.delete(id);
        resolved.forEach(events::publishEvent);
        audit.record(new AuditEntry("metric-rule.delete", "metric-rule", id.toString(),
                "Deleted metric rule " + before.name(), before, null));
    }

    private static MetricRule validate(UUID id, MetricRuleInput input, String createdBy, Instant createdAt,
            int version) {
        var violations = new Violations();
        var name = violations.required("name", input.name(), MAX_NAME);
        var expression = violations.required("expression", input.expression(), MAX_EXPRESSION);
        if (expression != null && expression.length() <= MAX_EXPRESSION) {
            try {
                var type = PromqlParser.parse(expression).type();
                if (type != ValueType.VECTOR) {
                    violations.add("expression", "must be an instant vector, not a " + type.description());
                }
            } catch (PromqlException e) {
                violations.add("expression", e.getMessage());
            }
        }
        Comparison comparison = null;
        if (input.comparison() == null || input.comparison().isBlank()) {
            violations.add("comparison", "is required: one of >, >=, <, <=");
        } else {
            comparison = Comparison.ofSymbol(input.comparison().strip()).orElse(null);
            if (comparison == null) {
                violations.add("comparison", "unknown comparison '" + input.comparison() + "': use one of >, >=, <, <=");
            }
        }
        var threshold = input.threshold();
        if (threshold == null || !Double.isFinite(threshold)) {
            violations.add("threshold", "is required: a finite number");
        }
        var clearThreshold = input.clearThreshold() == null ? threshold : input.clearThreshold();
        if (input.clearThreshold() != null && !Double.isFinite(input.clearThreshold())) {
            violations.add("clearThreshold", "must be a finite number");
        } else if (comparison != null && threshold != null && clearThreshold != null
                && !comparison.clearsOnBetterSide(threshold, clearThreshold)) {
            var side = comparison == Comparison.GREATER || comparison == Comparison.GREATER_OR_EQUAL ? "at most" : "at least";
            violations.add("clearThreshold", "must be " + side + " the threshold (" + SummaryTemplate.formatValue(threshold)
                    + ") for a rule that fires when the value is " + comparison.symbol() + " it");
        }
        var forMillis = 0L;
        if (input.forDuration() != null && !input.forDuration().isBlank()) {
            forMillis = Durations.parseMillis(input.forDuration().strip());
            if (forMillis < 0) {
                violations.add("for", "'" + input.forDuration() + "' is not a duration: write it as Prometheus does, like 30s, 5m or 1h30m");
            }
        }
        var severity = RuleSeverity.WARNING;
        if (input.severity() != null && !input.severity().isBlank()) {
            severity = RuleSeverity.parse(input.severity()).orElse(null);
            if (severity == null) {
                violations.add("severity", "unknown severity '" + input.severity() + "': use critical, error, warning or info");
            }
        }
        var summary = violations.optional("summary", input.summary(), MAX_SUMMARY);
        if (summary == null) {
            summary = (name == null ? "" : name) + ": {{ $value }}";
        } else if (SummaryTemplate.problem(summary) != null) {
            violations.add("summary", SummaryTemplate.problem(summary));
        }
        violations.throwIfAny("Invalid metric rule");
        return new MetricRule(id, name, expression, comparison, threshold, clearThreshold, forMillis, severity,
                summary, input.enabled() == null || input.enabled(), createdBy, createdAt, version);
    }
}
