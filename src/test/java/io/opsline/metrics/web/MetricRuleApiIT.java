package io.opsline.metrics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.identity.ApiCalls;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Metric rules over REST: what is kept, what is refused and why, and changes made on a stale version. */
@OpslineIntegrationTest
class MetricRuleApiIT {

    private static final String BASE = "/api/v1/metric-rules";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private static Map<String, Object> rule(String name) {
        var rule = new HashMap<String, Object>();
        rule.put("name", name);
        rule.put("expression", "avg by (host) (rate(node_cpu_seconds_total{mode!=\"idle\"}[5m])) * 100");
        rule.put("comparison", ">");
        rule.put("threshold", 90);
        rule.put("clearThreshold", 80);
        rule.put("for", "5m");
        rule.put("severity", "critical");
        rule.put("summary", "CPU of {{ $labels.host }} at {{ $value }}%");
        return rule;
    }

    private MvcTestResult create(Map<String, Object> rule) {
        return api().post(accounts.admin().token(), BASE, rule);
    }

    @Test
    void adminsCreateChangeAndDeleteRulesAndEveryoneReadsThem() {
        var name = ApiCalls.unique("cpu");
        var created = create(rule(name));
        assertThat(created).hasStatus(201);
        var body = api().body(created);
        var id = body.get("id").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo(BASE + "/" + id);
        assertThat(body.get("comparison").asString()).isEqualTo(">");
        assertThat(body.get("threshold").asDouble()).isEqualTo(90);
        assertThat(body.get("clearThreshold").asDouble()).isEqualTo(80);
        assertThat(body.get("for").asString()).isEqualTo("5m");
        assertThat(body.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(body.get("version").asInt()).isZero();
        assertThat(body.has("forMillis")).isFalse();

        var read = api().get(accounts.viewer().token(), BASE + "/" + id);
        assertThat(read).hasStatusOk();
        assertThat(api().body(read).get("name").asString()).isEqualTo(name);
        assertThat(api().body(api().get(accounts.viewer().token(), BASE)).valueStream()
                .map(r -> r.get("name").asString())).contains(name);
        assertThat(api().body(api().get(accounts.viewer().token(), BASE + "/" + id + "/states")).isEmpty()).isTrue();

        var change = rule(name + "-renamed");
        change.put("threshold", 95);
        change.put("for", "1h30m");
        change.put("enabled", false);
        change.put("version", 0);
        var updated = api().put(accounts.admin().token(), BASE + "/" + id, change);
        assertThat(updated).hasStatusOk();
        assertThat(api().body(updated).get("version").asInt()).isEqualTo(1);
        assertThat(api().body(updated).get("for").asString()).isEqualTo("1h30m");
        assertThat(api().body(updated).get("enabled").asBoolean()).isFalse();

        var audit = api().body(api().get(accounts.admin().token(), "/api/v1/audit?entityId=" + id));
        assertThat(audit.get("items").valueStream().map(e -> e.get("action").asString()))
                .contains("metric-rule.create", "metric-rule.update");

        assertThat(api().delete(accounts.admin().token(), BASE + "/" + id)).hasStatus(204);
        assertThat(api().get(accounts.viewer().token(), BASE + "/" + id)).hasStatus(404);
    }

    @Test
    void aChangeOnAStaleVersionIsAConflict() {
        var id = api().body(create(rule(ApiCalls.unique("stale")))).get("id").asString();
        var first = rule(ApiCalls.unique("first"));
        first.put("version", 0);
        assertThat(api().put(accounts.admin().token(), BASE + "/" + id, first)).hasStatusOk();

        var second = rule(ApiCalls.unique("second"));
        second.put("version", 0);
        var conflict = api().put(accounts.admin().token(), BASE + "/" + id, second);
        assertThat(conflict).hasStatus(409);
        var missing = api().put(accounts.admin().token(), BASE + "/" + id, rule(ApiCalls.unique("unversioned")));
        assertThat(missing).hasStatus(422);
        assertThat(api().fields(missing)).containsExactly("version");
    }

    @Test
    void aRuleThatCannotBeEvaluatedIsRefusedNamingItsFields() {
        var badQuery = rule(ApiCalls.unique("bad"));
        badQuery.put("expression", "sum(rate(http_requests_total[5m]) by (code)");
        var refused = create(badQuery);
        assertThat(refused).hasStatus(422);
        assertThat(errors(refused)).containsOnlyKeys("expression");
        assertThat(errors(refused).get("expression")).contains("parse error");

        var unsupported = rule(ApiCalls.unique("unsupported"));
        unsupported.put("expression", "histogram_quantile(0.9, rate(x_bucket[5m]))");
        assertThat(errors(create(unsupported)).get("expression")).contains("histogram_quantile");

        var range = rule(ApiCalls.unique("range"));
        range.put("expression", "up[5m]");
        assertThat(errors(create(range)).get("expression")).contains("must be an instant vector, not a range vector");

        var wrongSide = rule(ApiCalls.unique("side"));
        wrongSide.put("clearThreshold", 95);
        assertThat(errors(create(wrongSide)).get("clearThreshold")).contains("must be at most the threshold (90)");
        var below = rule(ApiCalls.unique("below"));
        below.put("comparison", "<");
        below.put("threshold", 10);
        below.put("clearThreshold", 5);
        assertThat(errors(create(below)).get("clearThreshold")).contains("must be at least the threshold (10)");

        var everything = new HashMap<String, Object>();
        everything.put("comparison", "=>");
        everything.put("for", "5 minutes");
        everything.put("severity", "apocalyptic");
        everything.put("summary", "{{ $labels.host }} is {{ .Value }}");
        var all = create(everything);
        assertThat(all).hasStatus(422);
        assertThat(api().fields(all)).containsExactly("name", "expression", "comparison", "threshold", "for",
                "severity", "summary");
        assertThat(errors(all).get("summary")).contains("{{ .Value }}");
        assertThat(errors(all).get("for")).contains("5 minutes");
    }

    @Test
    void viewersCannotChangeRules() {
        assertThat(api().post(accounts.viewer().token(), BASE, rule(ApiCalls.unique("viewer")))).hasStatus(403);
        assertThat(api().post(accounts.operator().token(), BASE, rule(ApiCalls.unique("operator")))).hasStatus(403);
    }

    private Map<String, String> errors(MvcTestResult result) {
        assertThat(result).hasStatus(422);
        var messages = new HashMap<String, String>();
        for (JsonNode error : api().body(result).get("errors")) {
            messages.merge(error.get("field").asString(), error.get("message").asString(), (a, b) -> a + "; " + b);
        }
        return messages;
    }
}
