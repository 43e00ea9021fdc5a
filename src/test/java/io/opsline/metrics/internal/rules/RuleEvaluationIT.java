package io.opsline.metrics.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;

import io.opsline.identity.ApiCalls;
import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.MetricQueries;
import io.opsline.metrics.internal.MetricsProperties;
import io.opsline.metrics.internal.store.MetricStore;
import io.opsline.platform.Jdbc;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rules evaluated over samples appended to the store, at chosen instants of the recent past (the
 * test settings keep the scheduled evaluation from running in between). Each test's metric and
 * rule names are its own, so other rules in the shared database select none of its series.
 */
@OpslineIntegrationTest
class RuleEvaluationIT {

    private static final long MINUTE = 60_000;

    @Autowired
    RuleEvaluator evaluator;
    @Autowired
    MetricRuleRepository repository;
    @Autowired
    MetricStore store;
    @Autowired
    MetricQueries queries;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MetricsProperties properties;
    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    @Test
    void aBreachGoesPendingThenFiresAndResolvesOnlyPastTheClearThreshold() throws Exception {
        var name = ApiCalls.unique("cpu").replace('-', '_');
        var base = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        // host a: 50 for 10 minutes, 95 for 20, 85 (between clear threshold and threshold) for 10, then 70.
        append(Labels.of("__name__", name, "host", "a"), base, minute -> minute < 10 ? 50 : minute < 30 ? 95 : minute < 40 ? 85 : 70);
        append(Labels.of("__name__", name, "host", "b"), base, minute -> 50);
        var rule = createRule(name, name, "5m");

        evaluateAt(base, 5);
        assertThat(states(rule)).isEmpty();

        evaluateAt(base, 12);
        assertThat(states(rule)).extracting(s -> s.get("state").asString()).containsExactly("pending");
        assertThat(states(rule).getFirst().get("labels").get("host").asString()).isEqualTo("a");
        evaluateAt(base, 15);
        assertThat(states(rule)).extracting(s -> s.get("state").asString()).containsExactly("pending");
        assertThat(alerts(name)).isEmpty();

        // A node started afresh carries on from the stored states: pending since minute 12, firing from 17.
        var restarted = new RuleEvaluator(repository, events, transactions, queries, store, properties);
        assertThat(restarted.evaluate(at(base, 17))).isPositive();
        assertThat(states(rule)).extracting(s -> s.get("state").asString()).containsExactly("firing");
        var alert = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> alerts(name), a -> a.size() == 1)
                .getFirst();
        assertThat(alert.get("status").asString()).isEqualTo("FIRING");
        assertThat(alert.get("severity").asString()).isEqualTo("ERROR");
        assertThat(alert.get("source").asString()).isEqualTo("metrics");
        assertThat(alert.get("summary").asString()).isEqualTo("CPU of a in " + name + " at 95");
        var dedupKey = alert.get("dedupKey").asString();
        assertThat(dedupKey).startsWith("metric-rule:" + rule + ":");
        assertThat(html("/metrics/rules")).contains("data-rule=\"" + name + "\" data-state=\"firing\"")
                .contains("{__name__=&quot;" + name + "&quot;,host=&quot;a&quot;}");

        evaluateAt(base, 35);
        assertThat(states(rule)).extracting(s -> s.get("state").asString()).containsExactly("firing");
        assertThat(states(rule).getFirst().get("value").asDouble()).isEqualTo(85);
        assertThat(alerts(name)).extracting(a -> a.get("status").asString()).containsExactly("FIRING");

        evaluateAt(base, 45);
        assertThat(states(rule)).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(alerts(name))
                .extracting(a -> a.get("status").asString(), a -> a.get("dedupKey").asString())
                .containsExactly(tuple("RESOLVED", dedupKey)));
    }

    @Test
    void aPendingSeriesThatStopsBreachingBeforeItsForDurationNeverFires() {
        var name = ApiCalls.unique("latency").replace('-', '_');
        var base = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).toEpochMilli();
        // Above the threshold for 3 minutes only, then between clear threshold and threshold.
        append(Labels.of("__name__", name), base, minute -> minute >= 10 && minute < 13 ? 95 : 85);
        var rule = createRule(name, name, "5m");

        evaluateAt(base, 10);
        assertThat(states(rule)).extracting(s -> s.get("state").asString()).containsExactly("pending");
        evaluateAt(base, 14);
        assertThat(states(rule)).isEmpty();
        evaluateAt(base, 20);
        assertThat(states(rule)).isEmpty();
        assertThat(alerts(name)).isEmpty();
    }

    @Test
    void onlyOneNodeHoldsTheClaimOnEvaluatingRulesUntilItRunsOut() {
        var now = Jdbc.now();
        evaluator.evaluate(now);
        var other = ApiCalls.unique("other-node");
        assertThat(repository.claim(other, now, now.plus(properties.ruleLease()))).isFalse();
        var afterLease = now.plus(properties.ruleLease()).plusSeconds(1);
        assertThat(repository.claim(other, afterLease, afterLease.plus(properties.ruleLease()))).isTrue();
        assertThat(evaluator.evaluate(now)).isZero();
        repository.release(other);
        assertThat(evaluator.evaluate(now)).isPositive();
    }

    private String createRule(String name, String expression, String forDuration) {
        var rule = new HashMap<String, Object>();
        rule.put("name", name);
        rule.put("expression", expression);
        rule.put("comparison", ">");
        rule.put("threshold", 90);
        rule.put("clearThreshold", 80);
        rule.put("for", forDuration);
        rule.put("severity", "error");
        rule.put("summary", "CPU of {{ $labels.host }} in {{ $labels.__name__ }} at {{ $value }}");
        var created = api().post(accounts.admin().token(), "/api/v1/metric-rules", rule);
        assertThat(created).hasStatus(201);
        return api().body(created).get("id").asString();
    }

    /** A sample every 30 seconds for an hour, valued by minute. */
    private void append(Labels labels, long base, IntToDoubleFunction value) {
        var times = new long[120];
        var values = new double[120];
        for (var i = 0; i < times.length; i++) {
            times[i] = base + i * 30_000L;
            values[i] = value.applyAsDouble(i / 2);
        }
        assertThat(store.append("rules-test", List.of(new SeriesData(labels, times, values, times.length))).accepted())
                .isEqualTo(120);
    }

    private static Instant at(long base, int minute) {
        return Instant.ofEpochMilli(base + minute * MINUTE);
    }

    private void evaluateAt(long base, int minute) {
        assertThat(evaluator.evaluate(at(base, minute))).isPositive();
    }

    private List<JsonNode> states(String rule) {
        var result = api().get(accounts.viewer().token(), "/api/v1/metric-rules/" + rule + "/states");
        assertThat(result).hasStatusOk();
        return api().body(result).valueStream().toList();
    }

    private List<JsonNode> alerts(String name) {
        var page = api().body(api().get(accounts.viewer().token(), "/api/v1/alerts?source=metrics&q=" + name + "&size=50"));
        return new ArrayList<>(page.get("items").valueStream().toList());
    }

    private String html(String path) throws Exception {
        var result = mvc.get().uri(path).with(user(accounts.viewer().username()).roles("VIEWER")).exchange();
        assertThat(result).hasStatusOk();
        return result.getResponse().getContentAsString();
    }
}
