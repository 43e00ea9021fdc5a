package io.opsline.alerting.oncall;

import static io.opsline.alerting.oncall.OnCallFixtures.dailyLayer;
import static io.opsline.alerting.oncall.OnCallFixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.internal.oncall.OnCall;
import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** On-call schedules over REST: who is on call when, overrides, and what bad input gets. */
@OpslineIntegrationTest
class ScheduleApiIT {

    static final String BASE = "/api/v1/oncall-schedules";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    OnCall onCall;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private OnCallFixtures fixtures() {
        return new OnCallFixtures(api(), accounts);
    }

    @Test
    void aDailyBerlinRotationHandsOverAtNineLocalTimeOnBothSidesOfTheClockChange() throws Exception {
        var anna = accounts.fresh(Role.OPERATOR);
        var ben = accounts.fresh(Role.OPERATOR);
        var name = ApiCalls.unique("database");
        var created = fixtures().createSchedule(schedule(name, "Europe/Berlin",
                List.of(dailyLayer("primary", "2026-03-27T09:00", anna.id().toString(), ben.id().toString()))));
        var id = created.get("schedule").get("id").asString();
        assertThat(created.get("feed").get("token").asString()).startsWith("opf_");
        assertThat(created.get("schedule").get("people").get(anna.id().toString()).asString())
                .isEqualTo(anna.username());

        var shifts = api().body(api().get(accounts.viewer().token(),
                BASE + "/" + id + "/shifts?from=2026-03-28T00:00:00Z&to=2026-03-30T00:00:00Z"));
        assertThat(shifts.valueStream().map(s -> s.get("username").asString() + " " + s.get("from").asString()
                + " " + s.get("to").asString()).toList()).containsExactly(
                        anna.username() + " 2026-03-28T00:00:00Z 2026-03-28T08:00:00Z",
                        ben.username() + " 2026-03-28T08:00:00Z 2026-03-29T07:00:00Z",
                        anna.username() + " 2026-03-29T07:00:00Z 2026-03-30T00:00:00Z");

        var now = api().body(api().get(accounts.viewer().token(), BASE + "/" + id + "/on-call?at=2026-03-29T06:59:00Z"));
        assertThat(now.get("now").get("username").asString()).isEqualTo(ben.username());
        assertThat(now.get("now").get("origin").asString()).isEqualTo("primary");
        assertThat(now.get("next").get("username").asString()).isEqualTo(anna.username());
        assertThat(now.get("next").get("from").asString()).isEqualTo("2026-03-29T07:00:00Z");
        // The internal API gives the same answer the escalation engine will use.
        assertThat(onCall.now(UUID.fromString(id), Instant.parse("2026-03-29T06:59:00Z")).orElseThrow().userId())
                .isEqualTo(ben.id());
    }

    @Test
    void anOperatorsOverrideTakesOverAndItsRemovalGivesTheShiftBack() throws Exception {
        var anna = accounts.fresh(Role.OPERATOR);
        var david = accounts.fresh(Role.OPERATOR);
        var operator = accounts.operator();
        var id = fixtures().createSchedule(schedule(ApiCalls.unique("web"), "UTC",
                List.of(dailyLayer("primary", "2026-06-01T09:00", anna.id().toString())))).get("schedule").get("id")
                .asString();

        var added = api().post(operator.token(), BASE + "/" + id + "/overrides", Map.of("userId",
                david.id().toString(), "from", "2026-06-02T10:00:00Z", "to", "2026-06-02T12:00:00+00:00"));
        assertThat(added).hasStatus(201);
        var overrideId = api().body(added).get("id").asString();
        var at = BASE + "/" + id + "/on-call?at=2026-06-02T11:00:00Z";
        var during = api().body(api().get(accounts.viewer().token(), at));
        assertThat(during.get("now").get("username").asString()).isEqualTo(david.username());
        assertThat(during.get("now").get("origin").asString()).isEqualTo("override");
        assertThat(during.get("next").get("username").asString()).isEqualTo(anna.username());
        assertThat(during.get("next").get("from").asString()).isEqualTo("2026-06-02T12:00:00Z");

        assertThat(api().delete(operator.token(), BASE + "/" + id + "/overrides/" + overrideId)).hasStatus(204);
        assertThat(api().body(api().get(accounts.viewer().token(), at)).get("now").get("username").asString())
                .isEqualTo(anna.username());
        assertThat(api().delete(operator.token(), BASE + "/" + id + "/overrides/" + overrideId)).hasStatus(404);

        assertThat(fixtures().auditedActions("oncall-schedule", id)).containsExactly(
                "oncall-schedule.override.remove", "oncall-schedule.override.add", "oncall-schedule.create");
    }

    @Test
    void badSchedulesAreRefusedNamingEachFieldAndNothingIsStored() throws Exception {
        var disabled = accounts.fresh(Role.VIEWER);
        assertThat(api().put(accounts.admin().token(), "/api/v1/users/" + disabled.id(),
                Map.of("enabled", false, "role", "viewer", "version", 0))).hasStatusOk();
        var name = ApiCalls.unique("broken");
        var layers = List.of(
                Map.<String, Object>of("name", "a", "participants", List.of(UUID.randomUUID().toString()),
                        "rotation", "daily", "handoffTime", "9 o'clock", "start", "2026-06-01T09:00"),
                Map.<String, Object>of("name", "b", "participants", List.of(disabled.id().toString()),
                        "rotation", "custom", "shiftHours", 3000, "start", "yesterday"),
                Map.<String, Object>of("name", "c", "participants", List.of(), "rotation", "fortnightly",
                        "start", "2026-06-01T09:00"),
                Map.<String, Object>of("name", "d", "participants", List.of(accounts.viewer().id().toString()),
                        "rotation", "weekly", "handoffTime", "09:00", "start", "2026-06-01T09:00"));

        var refused = api().post(accounts.admin().token(), BASE, schedule(name, "Mars/Olympus_Mons", layers));

        assertThat(refused).hasStatus(422);
        assertThat(api().fields(refused)).containsExactlyInAnyOrder("timeZone", "layers[0].participants",
                "layers[0].handoffTime", "layers[1].participants", "layers[1].shiftHours", "layers[1].start",
                "layers[2].participants", "layers[2].rotation", "layers[3].handoffDay");
        var empty = api().post(accounts.admin().token(), BASE, schedule(name, "UTC", List.of()));
        assertThat(api().fields(empty)).containsExactly("layers");
        assertThat(api().get(accounts.viewer().token(), BASE).getResponse().getContentAsString()).doesNotContain(name);
    }

    @Test
    void aStaleVersionIsAConflictAndUnknownSchedulesAreNotFound() throws Exception {
        var anna = accounts.fresh(Role.OPERATOR);
        var name = ApiCalls.unique("payments");
        var layers = List.of(dailyLayer("primary", "2026-06-01T09:00", anna.id().toString()));
        var id = fixtures().createSchedule(schedule(name, "UTC", layers)).get("schedule").get("id").asString();

        var renamed = new java.util.HashMap<>(schedule(name + "-renamed", "Europe/Vienna", layers));
        renamed.put("version", 0);
        var updated = api().put(accounts.admin().token(), BASE + "/" + id, renamed);
        assertThat(updated).hasStatusOk();
        assertThat(api().body(updated).get("version").asLong()).isEqualTo(1);
        assertThat(api().body(updated).get("timeZone").asString()).isEqualTo("Europe/Vienna");
        var stale = api().put(accounts.admin().token(), BASE + "/" + id, renamed);
        assertThat(stale).hasStatus(409);
        assertThat(api().fields(stale)).containsExactly("version");

        var sameNameOtherCase = api().post(accounts.admin().token(), BASE,
                schedule(name.toUpperCase() + "-RENAMED", "UTC", layers));
        assertThat(sameNameOtherCase).hasStatus(409);
        var unknown = BASE + "/" + UUID.randomUUID();
        assertThat(api().get(accounts.viewer().token(), unknown)).hasStatus(404);
        assertThat(api().get(accounts.viewer().token(), unknown + "/on-call")).hasStatus(404);
        assertThat(api().put(accounts.admin().token(), unknown, renamed)).hasStatus(404);
        assertThat(api().delete(accounts.admin().token(), unknown)).hasStatus(404);

        assertThat(api().delete(accounts.admin().token(), BASE + "/" + id)).hasStatus(204);
        assertThat(api().get(accounts.viewer().token(), BASE + "/" + id)).hasStatus(404);
    }

    @Test
    void aShiftsQueryIsBoundedAndItsInstantsChecked() throws Exception {
        var anna = accounts.fresh(Role.OPERATOR);
        var id = fixtures().createSchedule(schedule(ApiCalls.unique("bounded"), "UTC",
                List.of(dailyLayer("primary", "2026-06-01T09:00", anna.id().toString())))).get("schedule").get("id")
                .asString();
        var viewer = accounts.viewer().token();

        var tooLong = api().get(viewer, BASE + "/" + id + "/shifts?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z");
        assertThat(tooLong).hasStatus(422);
        assertThat(api().fields(tooLong)).containsExactly("to");
        var backwards = api().get(viewer, BASE + "/" + id + "/shifts?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z");
        assertThat(api().fields(backwards)).containsExactly("to");
        var garbled = api().get(viewer, BASE + "/" + id + "/shifts?from=monday&to=");
        assertThat(garbled).hasStatus(422);
        assertThat(api().fields(garbled)).containsExactly("from", "to");
        var badOverride = api().post(accounts.operator().token(), BASE + "/" + id + "/overrides",
                Map.of("userId", UUID.randomUUID().toString(), "from", "2026-06-02T10:00:00Z",
                        "to", "2027-06-02T10:00:00Z"));
        assertThat(api().fields(badOverride)).containsExactly("userId", "to");
    }
}
