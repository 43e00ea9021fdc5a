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

import io.opsline.alerting.internal.oncall.EscalationPolicies;
import io.opsline.alerting.internal.oncall.EscalationPolicy.TargetType;
import io.opsline.alerting.oncall.OnCallFixtures;
import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** The escalation policy list and form as the server renders them. */
@OpslineIntegrationTest
class PolicyPagesIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    EscalationPolicies policies;

    private Pages pages() {
        return new Pages(mvc, accounts);
    }

    @Test
    void anAdminMakesATwoLevelPolicyThatEveryoneCanReadAndOnlyAdminsChange() {
        var fixtures = new OnCallFixtures(new ApiCalls(mvc, json), accounts);
        var email = fixtures.channel("email");
        var slack = fixtures.channel("slack");
        var alice = accounts.fresh(Role.OPERATOR);
        var name = unique("db-policy");
        var fields = new HashMap<String, List<String>>();
        fields.put("name", List.of(name));
        fields.put("repeat", List.of("2"));
        fields.put("levels[0].targets[0].target", List.of("user:" + alice.id()));
        fields.put("levels[0].targets[0].via", List.of(email));
        fields.put("levels[0].targets[1].target", List.of(""));
        fields.put("levels[0].targets[1].via", List.of(""));
        fields.put("levels[0].delayMinutes", List.of("10"));
        fields.put("levels[1].targets[0].target", List.of("channel:" + slack));
        fields.put("levels[1].delayMinutes", List.of("30"));
        fields.put("levels[2].delayMinutes", List.of(""));

        var created = pages().post("/alerts/policies", Role.ADMIN, fields);

        assertThat(created).hasStatus3xxRedirection().redirectedUrl().isEqualTo("/alerts/policies");
        var policy = policies.list().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        assertThat(policy.repeat()).isEqualTo(2);
        assertThat(policy.levels()).hasSize(2);
        assertThat(policy.levels().get(0).delayMinutes()).isEqualTo(10);
        assertThat(policy.levels().get(0).targets().get(0).type()).isEqualTo(TargetType.USER);
        assertThat(policy.levels().get(0).targets().get(0).via()).isEqualTo(UUID.fromString(email));
        assertThat(policy.levels().get(1).targets().get(0).type()).isEqualTo(TargetType.CHANNEL);
        assertThat(fixtures.auditedActions("escalation-policy", policy.id().toString()))
                .containsExactly("escalation-policy.create");

        var list = pages().html("/alerts/policies", Role.VIEWER);
        assertThat(list).contains(name, "Person: " + alice.username(), "then wait 10 min", "Starts over 2 times")
                .doesNotContain("/alerts/policies/new").doesNotContain("/alerts/policies/" + policy.id() + "/edit");
        var edit = pages().html("/alerts/policies/" + policy.id() + "/edit", Role.ADMIN);
        assertThat(edit).contains("value=\"user:" + alice.id() + "\" selected=\"selected\"",
                "value=\"channel:" + slack + "\" selected=\"selected\"", "value=\"30\"");
        assertThat(pages().post("/alerts/policies/" + policy.id(), Role.OPERATOR, fields)).hasStatus(403);
        assertThat(pages().get("/alerts/policies/new", Role.OPERATOR)).hasStatus(403);
    }

    @Test
    void anUnknownChannelAndAPersonWithoutAnEmailChannelAreNamedBesideTheirFieldsAndNothingTypedIsLost() {
        var alice = accounts.fresh(Role.OPERATOR);
        var gone = UUID.randomUUID();
        var name = unique("broken");
        var fields = new HashMap<String, List<String>>();
        fields.put("name", List.of(name));
        fields.put("repeat", List.of("0"));
        fields.put("levels[0].targets[0].target", List.of("channel:" + gone));
        fields.put("levels[0].targets[1].target", List.of("user:" + alice.id()));
        fields.put("levels[0].delayMinutes", List.of("soon"));

        var refused = pages().post("/alerts/policies", Role.ADMIN, fields);

        assertThat(refused).hasStatusOk();
        var html = Pages.html(refused);
        assertThat(html).contains("id=\"levels[0].targets[0].target-error\">no notification channel with id " + gone,
                "id=\"levels[0].targets[1].via-error\">is required: the email channel",
                "id=\"levels[0].delayMinutes-error\">&#39;soon&#39; is not a whole number",
                "value=\"" + name + "\"", "value=\"soon\"",
                "value=\"channel:" + gone + "\" selected=\"selected\">Missing: channel:" + gone,
                "value=\"user:" + alice.id() + "\" selected=\"selected\"");
        assertThat(policies.list()).noneMatch(p -> p.name().equals(name));
    }
}
