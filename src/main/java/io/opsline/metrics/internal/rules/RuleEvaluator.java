package io.opsline.metrics.internal.rules;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.metrics.Labels;
import io.opsline.metrics.MetricRuleAlert;
import io.opsline.metrics.internal.MetricQueries;
import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.metrics.internal.promql.PromqlException;
import io.opsline.metrics.internal.promql.QueryResult;
import io.opsline.metrics.internal.rules.SeriesState.Phase;
import io.opsline.metrics.internal.store.MetricStore;
import io.opsline.platform.Ids;
import io.opsline.platform.Jdbc;
import io.opsline.platform.Sha256;

/**
 * Every {@code opsline.metrics.rule-interval}: the one node holding the rules' claim evaluates each
 * rule's expression and moves each series of its result between inactive, pending and firing,
 * telling alerting when one fires (TRIGGER) and when it clears (RESOLVE). A rule is evaluated in a
 * transaction holding its row, together with storing its series' states and handing the events to
 * the intake: when any of it fails, all of it is tried again next round, and the intake counts a
 * repeated trigger only once more.
 */
@Component
class RuleEvaluator implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluator.class);

    private final MetricRuleRepository rules;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final MetricQueries queries;
    private final Duration interval;
    private final Duration lease;
    private final String node;

    RuleEvaluator(MetricRuleRepository rules, ApplicationEventPublisher events, PlatformTransactionManager transactions,
            MetricQueries queries, MetricStore store, MetricsProperties properties) {
        this.rules = rules;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.queries = queries;
        this.interval = properties.ruleInterval();
        this.lease = properties.ruleLease();
        this.node = store.node();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::tick, interval, interval));
    }

    void tick() {
        try {
            evaluate(Jdbc.now());
        } catch (DataAccessException e) {
            log.warn("Could not evaluate metric rules; trying again in {}: {}", interval, e.getMessage());
        }
    }

    /**
     * Evaluates every rule at {@code at} when this node holds (or wins) the claim on evaluating
     * them; returns how many rules it evaluated, 0 when another node holds the claim.
     */
    int evaluate(Instant at) {
        var now = Jdbc.now();
        if (!rules.claim(node, now, now.plus(lease))) {
            return 0;
        }
        var evaluated = 0;
        for (var rule : rules.findAll()) {
            try {
                transaction.executeWithoutResult(status -> evaluate(rule.id(), at));
                evaluated++;
            } catch (RuntimeException e) {
                // Rolled back with its states: the rule is evaluated again next round.
                log.warn("Could not evaluate metric rule {} ({}); trying again next round: {}", rule.name(),
                        rule.id(), e.getMessage());
            }
        }
        return evaluated;
    }

    private void evaluate(UUID id, Instant at) {
        var rule = rules.lock(id).orElse(null);
        if (rule == null) {
            return;
        }
        Map<String, QueryResult.Sample> current;
        try {
            current = rule.enabled() ? results(rule, at) : Map.of();
        } catch (PromqlException e) {
            // Keeps its series where they stand rather than resolving what may still be wrong.
            log.warn("Metric rule {} ({}) could not be evaluated: {}", rule.name(), rule.id(), e.getMessage());
            return;
        }
        var alerts = new ArrayList<MetricRuleAlert>();
        var remaining = new LinkedHashMap<>(current);
        for (var state : rules.states(id)) {
            var sample = remaining.remove(state.seriesKey());
            if (sample == null) {
                rules.deleteState(id, state.seriesKey());
                if (state.phase() == Phase.FIRING) {
                    alerts.add(resolve(rule, state.seriesKey(), state.labels(), state.value(), at,
                            rule.enabled() ? "series gone" : "rule disabled"));
                }
            } else if (state.phase() == Phase.PENDING) {
                advancePending(rule, state, sample.value(), at, alerts);
            } else if (rule.stillFiring(sample.value())) {
                rules.updateState(withValue(state, state.phase(), state.firedAt(), sample.value(), at));
            } else {
                rules.deleteState(id, state.seriesKey());
                alerts.add(resolve(rule, state.seriesKey(), state.labels(), sample.value(), at, "cleared"));
            }
        }
        remaining.forEach((key, sample) -> {
            if (rule.breached(sample.value())) {
                var firing = rule.forMillis() == 0;
                rules.insertState(new SeriesState(id, key, sample.labels(), firing ? Phase.FIRING : Phase.PENDING, at,
                        firing ? at : null, sample.value(), at));
                if (firing) {
                    alerts.add(trigger(rule, key, sample.labels(), sample.value(), at));
                }
            }
        });
        alerts.forEach(events::publishEvent);
    }

    private void advancePending(MetricRule rule, SeriesState state, double value, Instant at,
            List<MetricRuleAlert> alerts) {
        if (!rule.breached(value)) {
            rules.deleteState(rule.id(), state.seriesKey());
        } else if (!at.isBefore(state.activeSince().plusMillis(rule.forMillis()))) {
            rules.updateState(withValue(state, Phase.FIRING, at, value, at));
            alerts.add(trigger(rule, state.seriesKey(), state.labels(), value, at));
        } else {
            rules.updateState(withValue(state, Phase.PENDING, null, value, at));
        }
    }

    /** The expression's series at {@code at} by their key; NaN values compare to nothing and are left out. */
    private Map<String, QueryResult.Sample> results(MetricRule rule, Instant at) {
        var result = queries.instant(rule.expression(), at.toEpochMilli());
        var samples = new HashMap<String, QueryResult.Sample>();
        if (result instanceof QueryResult.Vector vector) {
            for (var sample : vector.samples()) {
                if (!Double.isNaN(sample.value())) {
                    samples.put(seriesKey(sample.labels()), sample);
                }
            }
        }
        return samples;
    }

    static String seriesKey(Labels labels) {
        return Sha256.hex(labels.toString());
    }

    /** One alert per rule and series, whatever the rule's name or threshold becomes. */
    static String dedupKey(UUID ruleId, String seriesKey) {
        return "metric-rule:" + ruleId + ":" + seriesKey;
    }

    private static SeriesState withValue(SeriesState state, Phase phase, Instant firedAt, double value, Instant at) {
        return new SeriesState(state.ruleId(), state.seriesKey(), state.labels(), phase, state.activeSince(), firedAt,
                value, at);
    }

    private static MetricRuleAlert trigger(MetricRule rule, String key, Labels labels, double value, Instant at) {
        return new MetricRuleAlert(dedupKey(rule.id(), key), true, rule.severity(),
                SummaryTemplate.render(rule.summary(), labels, value), alertLabels(rule, labels),
                details(rule, value), ci(labels), at, link(rule));
    }

    static MetricRuleAlert resolve(MetricRule rule, String key, Labels labels, double value, Instant at,
            String why) {
        var details = new LinkedHashMap<>(details(rule, value));
        details.put("resolved", why);
        return new MetricRuleAlert(dedupKey(rule.id(), key), false, rule.severity(),
                SummaryTemplate.render(rule.summary(), labels, value), alertLabels(rule, labels), details, ci(labels),
                at, link(rule));
    }

    /** The series' labels with the rule's name as {@code alertname}, as Prometheus labels its alerts. */
    private static Map<String, String> alertLabels(MetricRule rule, Labels labels) {
        var result = new LinkedHashMap<String, String>();
        labels.toMap().forEach((name, value) -> result.put(name.equals("__name__") ? "metric" : name, value));
        result.put("alertname", rule.name());
        return result;
    }

    private static Map<String, String> details(MetricRule rule, double value) {
        return Map.of("expression", rule.expression(), "value", SummaryTemplate.formatValue(value), "condition",
                rule.comparison().symbol() + " " + SummaryTemplate.formatValue(rule.threshold()), "clearThreshold",
                SummaryTemplate.formatValue(rule.clearThreshold()), "rule", rule.id().toString());
    }

    /** Series of a CI carry its id as {@code ci_id} (monitoring's do; scrape targets may add it). */
    private static UUID ci(Labels labels) {
        return Ids.parseOrNull(labels.get("ci_id"));
    }

    private static String link(MetricRule rule) {
        return "/metrics/explore?query=" + URLEncoder.encode(rule.expression(), StandardCharsets.UTF_8);
    }
}
