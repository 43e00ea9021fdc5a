package io.opsline.metrics.web;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.metrics.internal.rules.MetricRule;
import io.opsline.metrics.internal.rules.MetricRules;
import io.opsline.metrics.internal.rules.SeriesState;

/**
 * The metrics pages: exploring series in charts, a CI's charts as a card its page loads, and the
 * threshold rules with where their series stand. The charts are drawn in the browser from the
 * Prometheus API, so these pages only lay them out.
 */
@Controller
class MetricsPages {

    static final String EXPLORE = "/metrics/explore";
    static final String RULES = "/metrics/rules";

    private final MetricRules rules;

    MetricsPages(MetricRules rules) {
        this.rules = rules;
    }

    /** What to draw comes in the address ({@code query}, {@code range} or {@code from}/{@code to}), read by js/metrics-explore.js. */
    @GetMapping(EXPLORE)
    @RequiresRole(Role.VIEWER)
    String explore() {
        return "metrics/explore";
    }

    /** A CI's metrics as a card: a fragment the CI's page loads, so that inventory needs only its address. */
    @GetMapping("/metrics/ci/{id}")
    @RequiresRole(Role.VIEWER)
    String ciMetrics(@PathVariable UUID id, Model model) {
        model.addAttribute("ciId", id);
        return "metrics/ci-metrics :: metrics";
    }

    @GetMapping(RULES)
    @RequiresRole(Role.VIEWER)
    String rules(Model model) {
        var states = rules.states().stream().collect(Collectors.groupingBy(SeriesState::ruleId));
        model.addAttribute("rules", rules.list().stream()
                .map(rule -> RuleRow.of(rule, states.getOrDefault(rule.id(), List.of()))).toList());
        return "metrics/rules";
    }

    /**
     * A rule as the list shows it.
     *
     * @param state the rule's worst: firing when a series fires, pending when one is pending, else inactive
     */
    record RuleRow(MetricRule rule, String condition, String state, List<SeriesState> series) {

        static RuleRow of(MetricRule rule, List<SeriesState> series) {
            var state = series.stream().anyMatch(s -> s.phase() == SeriesState.Phase.FIRING) ? "firing"
                    : series.isEmpty() ? "inactive" : "pending";
            return new RuleRow(rule, rule.condition(), state, series);
        }
    }
}
