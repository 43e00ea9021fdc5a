package io.opsline.alerting.oncall;

import static io.opsline.alerting.oncall.OnCallFixtures.dailyLayer;
import static io.opsline.alerting.oncall.OnCallFixtures.policy;
import static io.opsline.alerting.oncall.OnCallFixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.internal.oncall.EscalationPolicies;
import io.opsline.alerting.internal.oncall.EscalationPolicy.TargetType;
import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** Escalation policies over REST: levels and targets, what bad input gets, and what may not be deleted. */
@OpslineIntegrationTest
class EscalationPolicyApiIT {

    static final String BASE = "/api/v1/escalation-policies";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    EscalationPolicies policies;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    @Test
    void aPolicyReachesAUserThenAScheduleThenAChannelAndRepeats() throws Exception {
        var anna = accounts.fresh(Role.OPERATOR);
        var fixtures = new OnCallFixtures(api(), accounts);
        var scheduleId = fixtures.createSchedule(schedule(ApiCalls.unique("esc"), "UTC",
                List.of(dailyLayer("primary", "2026-06-01T09:00", anna.id().toString())))).get("schedule").get("id")
                .asString();
        var email = fixtures.channel("email");
        var slack = fixtures.channel("slack");
        var name = ApiCalls.unique("database-outage");
        var created = api().post(accounts.admin().token(), BASE, Map.of("name", name, "description", "DBAs first",
                "repeat", 2, "levels", List.of(
                        Map.of("delayMinutes", 10, "targets", List.of(Map.of("type", "user", "id",
                                anna.id().toString(), "via", email))),
                        Map.of("delayMinutes", 30, "targets", List.of(
                                Map.of("type", "SCHEDULE", "id", scheduleId, "via", email),
                                Map.of("type", "channel", "id", slack))))));
        assertThat(created).hasStatus(201);
        var id = UUID.fromString(api().body(created).get("id").asString());

        var policy = policies.find(id).orElseThrow();
        assertThat(policy.repeat()).isEqualTo(2);
        assertThat(policy.levels()).hasSize(2);
        assertThat(policy.levels().get(0).delayMinutes()).isEqualTo(10);
        assertThat(policy.levels().get(1).targets()).extracting(t -> t.type())
                .containsExactly(TargetType.SCHEDULE, TargetType.CHANNEL);
        assertThat(policy.levels().get(1).targets().get(1).id()).isEqualTo(UUID.fromString(slack));
        assertThat(policy.levels().get(1).targets().get(1).via()).isNull();
        assertThat(api().body(api().get(accounts.viewer().token(), BASE + "/" + id)).get("name").asString())
                .isEqualTo(name);

        // The schedule is in use: deleting it would leave the policy reaching nobody.
        assertThat(api().delete(accounts.admin().token(), "/api/v1/oncall-schedules/" + scheduleId)).hasStatus(409);

        var update = new HashMap<>(policy(name, anna.id().toString(), email));
        update.put("version", 0);
        assertThat(api().put(accounts.admin().token(), BASE + "/" + id, update)).hasStatusOk();
        assertThat(policies.find(id).orElseThrow().levels()).hasSize(1);
        assertThat(api().put(accounts.admin().token(), BASE + "/" + id, update)).hasStatus(409);
        assertThat(api().delete(accounts.admin().token(), "/api/v1/oncall-schedules/" + scheduleId)).hasStatus(204);

        assertThat(api().delete(accounts.admin().token(), BASE + "/" + id)).hasStatus(204);
        assertThat(api().get(accounts.viewer().token(), BASE + "/" + id)).hasStatus(404);
        assertThat(fixtures.auditedActions("escalation-policy", id.toString())).containsExactly(
                "escalation-policy.delete", "escalation-policy.update", "escalation-policy.create");
    }

    @Test
    void badPoliciesAreRefusedNamingEachField() throws Exception {
        var name = ApiCalls.unique("broken");
        var refused = api().post(accounts.admin().token(), BASE, Map.of("name", name, "repeat", 10, "levels", List.of(
                Map.of("delayMinutes", 0, "targets", List.of(
                        Map.of("type", "user", "id", UUID.randomUUID().toString(), "via", UUID.randomUUID().toString()),
                        Map.of("type", "schedule", "id", UUID.randomUUID().toString()),
                        Map.of("type", "channel", "id", UUID.randomUUID().toString(),
                                "via", UUID.randomUUID().toString()),
                        Map.of("type", "pager", "id", "not-an-id"))),
                Map.of("delayMinutes", 1441, "targets", List.of()))));

        assertThat(refused).hasStatus(422);
        assertThat(api().fields(refused)).containsExactlyInAnyOrder("repeat", "levels[0].delayMinutes",
                "levels[0].targets[0].id", "levels[0].targets[0].via", "levels[0].targets[1].via",
                "levels[0].targets[1].id", "levels[0].targets[2].id", "levels[0].targets[2].via",
                "levels[0].targets[3].type", "levels[0].targets[3].id",
                "levels[1].delayMinutes", "levels[1].targets");
        var noLevels = api().post(accounts.admin().token(), BASE, Map.of("name", name, "levels", List.of()));
        assertThat(api().fields(noLevels)).containsExactly("levels");
        var level = Map.of("delayMinutes", 5, "targets", List.of(Map.of("type", "channel", "id",
                new OnCallFixtures(api(), accounts).channel("webhook"))));
        var elevenLevels = api().post(accounts.admin().token(), BASE,
                Map.of("name", name, "levels", Collections.nCopies(11, level)));
        assertThat(api().fields(elevenLevels)).containsExactly("levels");
        assertThat(api().get(accounts.viewer().token(), BASE).getResponse().getContentAsString()).doesNotContain(name);
        assertThat(api().get(accounts.viewer().token(), BASE + "/" + UUID.randomUUID())).hasStatus(404);
        assertThat(api().put(accounts.admin().token(), BASE + "/" + UUID.randomUUID(),
                Map.of("name", name, "levels", List.of(level), "version", 0))).hasStatus(404);
    }
}
