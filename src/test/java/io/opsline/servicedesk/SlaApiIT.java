package io.opsline.servicedesk;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.inventory.CiFixtures;
import io.opsline.inventory.internal.CiManagement;
import io.opsline.inventory.internal.RelationshipManagement;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class SlaApiIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    CiManagement ciManagement;
    @Autowired
    RelationshipManagement relationshipManagement;

    ApiCalls api;
    CiFixtures cis;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        cis = new CiFixtures(ciManagement, relationshipManagement);
        admin = accounts.admin().token();
    }

    static Map<String, Object> officeHours(String name) {
        return Map.of("name", name, "timeZone", "Europe/Berlin",
                "hours", List.of(hours("monday", "08:00", "18:00"), hours("tue", "08:00", "18:00"),
                        hours("wednesday", "08:00", "12:00"), hours("wednesday", "13:00", "17:00")),
                "holidays", List.of(Map.of("date", "2026-12-25", "name", "Christmas Day")));
    }

    static Map<String, String> hours(String day, String start, String end) {
        return Map.of("day", day, "start", start, "end", end);
    }

    @Test
    void theRoundTheClockCalendarAndDefaultPoliciesExistOutOfTheBox() {
        var calendars = api.body(api.get(accounts.viewer().token(), "/api/v1/business-calendars"));
        var always = calendars.valueStream().filter(c -> c.get("name").asString().equals("24×7")).findFirst().orElseThrow();
        assertThat(always.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(always.get("hours")).hasSize(7);
        assertThat(always.get("hours").get(0).get("day").asString()).isEqualTo("monday");
        assertThat(always.get("hours").get(0).get("start").asString()).isEqualTo("00:00");
        assertThat(always.get("hours").get(0).get("end").asString()).isEqualTo("24:00");
        assertThat(always.get("hours").get(0).has("startMinute")).isFalse();

        var policies = api.body(api.get(accounts.viewer().token(), "/api/v1/sla-policies"));
        var general = policies.valueStream().filter(p -> p.get("serviceId").isNull() && p.get("customer").isNull())
                .toList();
        assertThat(general).extracting(p -> p.get("priority").asString()).containsExactly("P1", "P2", "P3", "P4");
        assertThat(general.getFirst().get("calendarId").asString()).isEqualTo(always.get("id").asString());
        assertThat(general.getFirst().get("responseTarget").asString()).isEqualTo("PT15M");
        assertThat(general.getFirst().get("resolutionTarget").asString()).isEqualTo("PT4H");
        assertThat(general.getFirst().get("warningPercent").asInt()).isEqualTo(75);
    }

    @Test
    void adminsKeepCalendarsAndEveryChangeIsAudited() {
        var name = unique("Office Berlin");
        var created = api.post(admin, "/api/v1/business-calendars", officeHours(name));
        assertThat(created).hasStatus(201);
        var calendar = api.body(created);
        var id = calendar.get("id").asString();
        assertThat(calendar.get("hours")).hasSize(4);
        assertThat(calendar.get("hours").get(1).get("day").asString()).isEqualTo("tuesday");
        assertThat(calendar.get("holidays").get(0).get("name").asString()).isEqualTo("Christmas Day");

        var change = new HashMap<String, Object>(officeHours(name + " (new)"));
        change.put("version", calendar.get("version").asLong());
        change.put("hours", List.of(hours("friday", "00:00", "24:00")));
        var updated = api.put(admin, "/api/v1/business-calendars/" + id, change);
        assertThat(updated).hasStatusOk();
        assertThat(api.body(updated).get("hours")).hasSize(1);
        assertThat(api.body(updated).get("version").asLong()).isEqualTo(1);
        assertThat(api.put(admin, "/api/v1/business-calendars/" + id, change)).hasStatus(409);

        assertThat(api.delete(admin, "/api/v1/business-calendars/" + id)).hasStatus(204);
        assertThat(api.get(admin, "/api/v1/business-calendars/" + id)).hasStatus(404);
        assertThat(audited(id)).containsExactly("business-calendar.delete", "business-calendar.update",
                "business-calendar.create");
    }

    @Test
    void viewersReadCalendarsButOnlyAdminsChangeThem() {
        assertThat(api.post(accounts.operator().token(), "/api/v1/business-calendars", officeHours(unique("Office"))))
                .hasStatus(403);
        assertThat(api.get(accounts.viewer().token(), "/api/v1/business-calendars")).hasStatusOk();
    }

    @Test
    void aCalendarWithBadZoneHoursOrHolidaysIsRefusedNamingEachField() {
        var taken = unique("Office");
        assertThat(api.post(admin, "/api/v1/business-calendars", officeHours(taken))).hasStatus(201);
        var refused = api.post(admin, "/api/v1/business-calendars", Map.of("name", taken, "timeZone", "Mars/Olympus",
                "hours", List.of(hours("monday", "18:00", "08:00"), hours("funday", "08:00", "18:00"),
                        hours("tuesday", "08:00", "12:00"), hours("tuesday", "11:00", "14:00"),
                        hours("wednesday", "25:00", "24:00")),
                "holidays", List.of(Map.of("date", "2026-13-01"), Map.of("date", "2026-05-01"),
                        Map.of("date", "2026-05-01"))));
        assertThat(refused).hasStatus(422);
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("name", "timeZone", "hours[0].end", "hours[1].day",
                "hours[3]", "hours[4].start", "holidays[0].date", "holidays[2].date");

        var noHours = api.post(admin, "/api/v1/business-calendars", Map.of("name", unique("Never"), "timeZone", "UTC"));
        assertThat(noHours).hasStatus(422);
        assertThat(api.fields(noHours)).containsExactly("hours");
    }

    @Test
    void aCalendarInUseCannotBeDeleted() {
        var calendar = api.body(api.post(admin, "/api/v1/business-calendars", officeHours(unique("Office"))));
        var service = cis.create("business_service", unique("Payroll"));
        assertThat(api.post(admin, "/api/v1/sla-policies", Map.of("name", unique("Payroll P3"), "priority", "P3",
                "service", service.id().toString(), "calendar", calendar.get("name").asString(), "responseTarget",
                "PT2H", "resolutionTarget", "P2D"))).hasStatus(201);

        assertThat(api.delete(admin, "/api/v1/business-calendars/" + calendar.get("id").asString())).hasStatus(409);
    }

    @Test
    void adminsKeepPoliciesForAServiceBesideTheGeneralOnesAndEveryChangeIsAudited() {
        var service = cis.create("business_service", unique("Web shop"));
        var created = api.post(admin, "/api/v1/sla-policies", Map.of("name", unique("Shop P1"), "priority", "p1",
                "service", service.id().toString(), "responseTarget", "PT5M", "resolutionTarget", "PT1H",
                "warningPercent", 80));
        assertThat(created).hasStatus(201);
        var policy = api.body(created);
        var id = policy.get("id").asString();
        assertThat(policy.get("priority").asString()).isEqualTo("P1");
        assertThat(policy.get("serviceId").asString()).isEqualTo(service.id().toString());
        assertThat(policy.get("responseTarget").asString()).isEqualTo("PT5M");
        assertThat(policy.get("warningPercent").asInt()).isEqualTo(80);

        var updated = api.put(admin, "/api/v1/sla-policies/" + id, Map.of("version", 0, "name", "Shop P1 faster",
                "priority", "P1", "service", service.id().toString(), "responseTarget", "PT3M",
                "resolutionTarget", "PT45M"));
        assertThat(updated).hasStatusOk();
        assertThat(api.body(updated).get("resolutionTarget").asString()).isEqualTo("PT45M");
        assertThat(api.body(updated).get("warningPercent").asInt()).isEqualTo(75);

        assertThat(api.delete(admin, "/api/v1/sla-policies/" + id)).hasStatus(204);
        assertThat(api.get(admin, "/api/v1/sla-policies/" + id)).hasStatus(404);
        assertThat(audited(id)).containsExactly("sla-policy.delete", "sla-policy.update", "sla-policy.create");
        assertThat(api.post(accounts.operator().token(), "/api/v1/sla-policies", Map.of())).hasStatus(403);
    }

    @Test
    void aPolicyWithBadTargetsServiceOrCalendarIsRefusedNamingEachField() {
        var server = cis.create("server", unique("db-host"));
        var refused = api.post(admin, "/api/v1/sla-policies", Map.of("name", "", "priority", "P9",
                "service", server.id().toString(), "calendar", unique("no-such-calendar"), "responseTarget", "PT0S",
                "resolutionTarget", "-PT8H", "warningPercent", 100));
        assertThat(refused).hasStatus(422);
        assertThat(api.fields(refused)).containsExactlyInAnyOrder("name", "priority", "service", "calendar",
                "responseTarget", "resolutionTarget", "warningPercent");

        var garbled = api.post(admin, "/api/v1/sla-policies", Map.of("name", unique("x"), "priority", "P2",
                "service", "not-an-id", "responseTarget", "30 minutes"));
        assertThat(garbled).hasStatus(422);
        assertThat(api.fields(garbled)).containsExactlyInAnyOrder("service", "responseTarget", "resolutionTarget");
    }

    @Test
    void twoPoliciesForTheSamePriorityAndServiceAreRefused() {
        var general = api.post(admin, "/api/v1/sla-policies", Map.of("name", unique("Another P2"), "priority", "P2",
                "responseTarget", "PT1H", "resolutionTarget", "PT8H"));
        assertThat(general).hasStatus(422);
        assertThat(api.fields(general)).containsExactly("priority");

        var service = cis.create("business_service", unique("Mail"));
        var first = Map.<String, Object>of("name", unique("Mail P2"), "priority", "P2", "service",
                service.id().toString(), "responseTarget", "PT1H", "resolutionTarget", "PT8H");
        assertThat(api.post(admin, "/api/v1/sla-policies", first)).hasStatus(201);
        var second = api.post(admin, "/api/v1/sla-policies", Map.of("name", unique("Mail P2 again"), "priority", "P2",
                "service", service.id().toString(), "responseTarget", "PT2H", "resolutionTarget", "PT9H"));
        assertThat(second).hasStatus(422);
        assertThat(api.fields(second)).containsExactly("priority");
    }

    private List<String> audited(String entityId) {
        JsonNode page = api.body(api.get(admin, "/api/v1/audit?entityId=" + entityId));
        return page.get("items").valueStream().map(r -> r.get("action").asString()).toList();
    }
}
