package io.opsline.alerting.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.AlertIntake;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;
import io.opsline.identity.ApiCalls;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Alert groups and grouping rules over REST: what people see and change, and what bad input gets. */
@OpslineIntegrationTest
class AlertGroupApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    AlertIntake intake;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private static Map<String, Object> rule(String name, String source, List<String> groupBy, Object window) {
        var rule = new HashMap<String, Object>(Map.of("name", name, "groupBy", groupBy,
                "matchers", List.of(Map.of("label", "source", "value", source, "regex", false),
                        Map.of("label", "team", "value", "db|storage", "regex", true))));
        if (window != null) {
            rule.put("windowSeconds", window);
        }
        return rule;
    }

    @Test
    void aRuleGroupsAlertsAndTheGroupShowsItsMembersAndTimeline() {
        var source = "api-" + UUID.randomUUID();
        var created = api().post(accounts.admin().token(), "/api/v1/grouping-rules",
                rule("by cluster " + source, source, List.of("cluster"), null));
        assertThat(created).hasStatus(201);
        var rule = api().body(created);
        assertThat(rule.get("windowSeconds").asLong()).isEqualTo(300);
        var at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        intake.accept(List.of(event(source, "a", Severity.WARNING, "db", at),
                event(source, "b", Severity.CRITICAL, "storage", at.plusSeconds(1)),
                event(source, "c", Severity.INFO, "web", at.plusSeconds(2))));

        var alerts = api().body(api().get(accounts.viewer().token(), "/api/v1/alerts?source=" + source));
        var first = idOf(alerts, "a");
        var open = api().body(api().get(accounts.viewer().token(),
                "/api/v1/alert-groups?status=OPEN&severity=CRITICAL&size=500"));
        var group = open.get("items").valueStream().filter(g -> g.get("ruleId").asString()
                .equals(rule.get("id").asString())).findFirst().orElseThrow();
        assertThat(group.get("groupKey").asString()).isEqualTo("cluster=eu-1");
        assertThat(group.get("memberCount").asInt()).isEqualTo(2);
        assertThat(group.get("severity").asString()).isEqualTo("CRITICAL");

        var view = api().body(api().get(accounts.viewer().token(), "/api/v1/alert-groups/" + group.get("id").asString()));
        assertThat(view.get("members").get(0).get("alertId").asString()).isEqualTo(first);
        assertThat(view.get("members").get(1).get("reason").asString()).contains("by cluster " + source);
        var timeline = api().body(api().get(accounts.viewer().token(),
                "/api/v1/alert-groups/" + group.get("id").asString() + "/timeline"));
        assertThat(timeline.valueStream().map(c -> c.get("kind").asString()).toList())
                .containsExactly("OPENED", "ALERT_JOINED");
        assertThat(alerts.get("total").asLong()).isEqualTo(3);

        assertThat(api().get(accounts.viewer().token(), "/api/v1/alert-groups/" + UUID.randomUUID())).hasStatus(404);
        assertThat(api().get(accounts.viewer().token(), "/api/v1/alert-groups/" + UUID.randomUUID() + "/timeline"))
                .hasStatus(404);
        assertThat(api().get(accounts.viewer().token(), "/api/v1/alert-groups?status=SLEEPING")).hasStatus(400);
    }

    @Test
    void rulesAreEditedWithTheirVersionReorderedDeletedAndAudited() {
        var source = "rules-" + UUID.randomUUID();
        var one = api().body(api().post(accounts.admin().token(), "/api/v1/grouping-rules",
                rule("one " + source, source, List.of("alertname"), 60)));
        var two = api().body(api().post(accounts.admin().token(), "/api/v1/grouping-rules",
                rule("two " + source, source, List.of("alertname"), 60)));
        var oneId = one.get("id").asString();
        var twoId = two.get("id").asString();

        var changed = rule("one " + source, source, List.of("alertname", "instance"), 120);
        changed.put("version", 0);
        var updated = api().put(accounts.admin().token(), "/api/v1/grouping-rules/" + oneId, changed);
        assertThat(updated).hasStatusOk();
        assertThat(api().body(updated).get("version").asInt()).isEqualTo(1);
        assertThat(api().body(updated).get("groupBy").valueStream().map(JsonNode::asString).toList())
                .containsExactly("alertname", "instance");
        // The same edit again, based on version 0: someone changed it meanwhile.
        assertThat(api().fields(api().put(accounts.admin().token(), "/api/v1/grouping-rules/" + oneId, changed)))
                .containsExactly("version");
        assertThat(api().put(accounts.admin().token(), "/api/v1/grouping-rules/" + oneId, changed)).hasStatus(409);
        assertThat(api().post(accounts.admin().token(), "/api/v1/grouping-rules",
                rule("ONE " + source, source, List.of("alertname"), 60))).hasStatus(409);

        var ids = api().body(api().get(accounts.viewer().token(), "/api/v1/grouping-rules")).valueStream()
                .map(r -> r.get("id").asString()).collect(Collectors.toCollection(ArrayList::new));
        ids.remove(twoId);
        ids.addFirst(twoId);
        var reordered = api().put(accounts.admin().token(), "/api/v1/grouping-rules/order", Map.of("ids", ids));
        assertThat(reordered).hasStatusOk();
        assertThat(api().body(reordered).get(0).get("id").asString()).isEqualTo(twoId);
        assertThat(api().fields(api().put(accounts.admin().token(), "/api/v1/grouping-rules/order",
                Map.of("ids", List.of(twoId))))).containsExactly("ids");

        assertThat(api().delete(accounts.admin().token(), "/api/v1/grouping-rules/" + oneId)).hasStatus(204);
        assertThat(api().get(accounts.viewer().token(), "/api/v1/grouping-rules/" + oneId)).hasStatus(404);
        var audit = api().body(api().get(accounts.admin().token(), "/api/v1/audit?size=500&entityId=" + oneId));
        assertThat(audit.get("items").valueStream().map(r -> r.get("action").asString()).toList())
                .containsExactlyInAnyOrder("grouping-rule.create", "grouping-rule.update", "grouping-rule.delete");
        api().delete(accounts.admin().token(), "/api/v1/grouping-rules/" + twoId);
    }

    @Test
    void badRulesAreRefusedNamingTheFieldAndStoreNothing() {
        var source = "bad-" + UUID.randomUUID();
        var badRegex = rule("bad " + source, source, List.of("alertname"), 60);
        badRegex.put("matchers", List.of(Map.of("label", "team", "value", "db(", "regex", true)));
        var refused = api().post(accounts.admin().token(), "/api/v1/grouping-rules", badRegex);
        assertThat(refused).hasStatus(422);
        assertThat(api().fields(refused)).containsExactly("matchers[0].value");
        assertThat(api().fields(api().post(accounts.admin().token(), "/api/v1/grouping-rules",
                rule("bad " + source, source, List.of(), 60)))).containsExactly("groupBy");
        assertThat(api().fields(api().post(accounts.admin().token(), "/api/v1/grouping-rules",
                rule("bad " + source, source, List.of("alertname"), 0)))).containsExactly("windowSeconds");
        assertThat(api().fields(api().post(accounts.admin().token(), "/api/v1/grouping-rules",
                rule("", source, List.of("alertname"), 86_401)))).containsExactly("name", "windowSeconds");
        assertThat(api().body(api().get(accounts.viewer().token(), "/api/v1/grouping-rules")).valueStream()
                .map(r -> r.get("name").asString())).doesNotContain("bad " + source);
        assertThat(api().post(accounts.viewer().token(), "/api/v1/grouping-rules",
                rule("viewer " + source, source, List.of("alertname"), 60))).hasStatus(403);
    }

    private static Event event(String source, String key, Severity severity, String team, Instant at) {
        return new Event(source, key, EventAction.TRIGGER, severity, "disk " + key,
                Map.of("cluster", "eu-1", "team", team), null, null, at, null);
    }

    private static String idOf(JsonNode page, String key) {
        return page.get("items").valueStream().filter(a -> key.equals(a.get("dedupKey").asString())).findFirst()
                .orElseThrow().get("id").asString();
    }
}
