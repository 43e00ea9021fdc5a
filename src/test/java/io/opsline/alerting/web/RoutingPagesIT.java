package io.opsline.alerting.web;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.internal.routing.RoutingRules;
import io.opsline.alerting.oncall.OnCallFixtures;
import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** Routing rules as the server renders them: their order, moving one, the form, and testing a sample alert. */
@OpslineIntegrationTest
class RoutingPagesIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    RoutingRules rules;

    private Pages pages() {
        return new Pages(mvc, accounts);
    }

    @Test
    void rulesAreListedInTheOrderTriedMoveAndTheTestSaysWhichTakesASampleAndWhy() {
        var policy = policy();
        var source = unique("src");
        var first = create(unique("critical-db"), policy, Map.of("conditions.severities", List.of("critical"),
                "conditions.sources", List.of(source), "conditions.labels", List.of("team=dba")));
        var second = create(unique("all-of-source"), policy, Map.of("conditions.sources", List.of(source)));

        var list = pages().html("/alerts/routing", Role.VIEWER);
        var ids = Pages.attributes(list, "data-rule-id");
        assertThat(ids.indexOf(first.id().toString())).isNotNegative().isLessThan(ids.indexOf(second.id().toString()));
        assertThat(list).contains("severity CRITICAL and source " + source + " and label team=dba")
                .doesNotContain("move-up").doesNotContain("/alerts/routing/new");

        var sample = "/alerts/routing/test?severity=critical&source=" + source + "&labels=team=dba";
        var verdict = pages().html(sample, Role.VIEWER);
        assertThat(verdict).contains("data-testid=\"verdict\"", "Rule " + first.name() + " takes it",
                "✓ labels: wants labels {team=dba}, has labels {team=dba}");
        var warning = pages().html("/alerts/routing/test?severity=warning&source=" + source, Role.VIEWER);
        assertThat(warning).contains("Rule " + second.name() + " takes it",
                "✗ severities: wants one of [CRITICAL], has WARNING");

        assertThat(pages().post("/alerts/routing/" + second.id() + "/move", Role.OPERATOR,
                Map.of("direction", List.of("up")))).hasStatus(403);
        assertThat(pages().post("/alerts/routing/" + second.id() + "/move", Role.ADMIN,
                Map.of("direction", List.of("up")))).hasStatus3xxRedirection();
        var moved = Pages.attributes(pages().html("/alerts/routing", Role.ADMIN), "data-rule-id");
        assertThat(moved.indexOf(second.id().toString())).isLessThan(moved.indexOf(first.id().toString()));
        assertThat(pages().html(sample, Role.VIEWER)).contains("Rule " + second.name() + " takes it",
                "matches, but an earlier rule took it");
    }

    @Test
    void aRefusedRuleKeepsEveryConditionTypedAndTheTestFormNamesItsBadFields() {
        var policy = policy();
        var name = unique("night");
        var fields = new HashMap<String, List<String>>();
        fields.put("name", List.of(name));
        fields.put("enabled", List.of("true"));
        fields.put("policyId", List.of(policy));
        fields.put("conditions.severities", List.of("critical", "error"));
        fields.put("conditions.tags", List.of("pci, linux"));
        fields.put("conditions.labels", List.of("team=dba\nno equals sign"));
        fields.put("conditions.time.days", List.of("SATURDAY"));
        fields.put("conditions.time.from", List.of("22:00"));
        fields.put("conditions.time.timeZone", List.of("Europe/Berlin"));

        var refused = pages().post("/alerts/routing", Role.ADMIN, fields);

        assertThat(refused).hasStatusOk();
        assertThat(Pages.html(refused)).contains("&#39;no equals sign&#39; is not name=value",
                "needs both from and to", "value=\"critical\" checked=\"checked\"", "value=\"error\" checked=\"checked\"",
                "value=\"SATURDAY\" checked=\"checked\"", "value=\"pci, linux\"", "team=dba\nno equals sign</textarea>",
                "value=\"22:00\"");
        assertThat(rules.list()).noneMatch(r -> r.name().equals(name));
        assertThat(pages().post("/alerts/routing", Role.VIEWER, fields)).hasStatus(403);

        var bad = pages().html("/alerts/routing/test?severity=dreadful&ci=no-such-host-" + UUID.randomUUID(),
                Role.VIEWER);
        assertThat(bad).contains("must be one of critical, error, warning, info",
                "no CI with this id, host name or address").doesNotContain("data-testid=\"verdict\"");
    }

    private String policy() {
        var fixtures = new OnCallFixtures(new ApiCalls(mvc, json), accounts);
        return fixtures.createPolicy(OnCallFixtures.policy(unique("policy"), accounts.operator().id().toString(),
                fixtures.channel("email")));
    }

    private record Created(UUID id, String name) {
    }

    private Created create(String name, String policy, Map<String, List<String>> conditions) {
        var fields = new HashMap<>(conditions);
        fields.put("name", List.of(name));
        fields.put("enabled", List.of("true"));
        fields.put("policyId", List.of(policy));
        var created = pages().post("/alerts/routing", Role.ADMIN, fields);
        assertThat(created).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/alerts/routing");
        return new Created(rules.list().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().id(),
                name);
    }
}
