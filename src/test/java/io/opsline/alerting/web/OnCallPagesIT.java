package io.opsline.alerting.web;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.alerting.internal.oncall.Schedules;
import io.opsline.identity.Role;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;

/** On-call pages as the server renders them: who is on call now and next, the schedule form, overrides. */
@OpslineIntegrationTest
class OnCallPagesIT {

    private static final String ZONE = "Europe/Berlin";

    @Autowired
    MockMvcTester mvc;
    @Autowired
    TestAccounts accounts;
    @Autowired
    Schedules schedules;

    private Pages pages() {
        return new Pages(mvc, accounts);
    }

    @Test
    void aScheduleMadeInTheFormShowsWhoIsOnCallNowAndNextAndItsFeedAddressOnce() {
        var alice = accounts.fresh(Role.OPERATOR);
        var bob = accounts.fresh(Role.OPERATOR);
        var name = unique("primary");
        var yesterday = LocalDate.now(ZoneId.of(ZONE)).minusDays(1).atTime(9, 0);

        var created = pages().post("/alerts/oncall", Role.ADMIN, layer(name, "daily", yesterday,
                alice.username() + "\n" + bob.username()));

        assertThat(created).hasStatus3xxRedirection();
        var id = id(name);
        assertThat(created).redirectedUrl().isEqualTo("/alerts/oncall/" + id);
        assertThat((String) created.getMvcResult().getFlashMap().get("feedUrl"))
                .matches("http://localhost:8080/calendar/oncall/opf_[A-Za-z0-9_-]+\\.ics");

        var list = pages().html("/alerts/oncall", Role.VIEWER);
        var row = list.substring(list.indexOf("data-schedule-id=\"" + id + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        // Yesterday 09:00 alice, today 09:00 bob, tomorrow alice again: whoever is on now, the other is next.
        var nowIsAlice = row.indexOf(alice.username()) < row.indexOf(bob.username());
        assertThat(row).contains(alice.username(), bob.username(), ZONE, "until ", "from ");
        assertThat(nowIsAlice).isEqualTo(LocalDateTime.now(ZoneId.of(ZONE)).getHour() < 9);
        assertThat(list).as("viewers get no New button").doesNotContain("/alerts/oncall/new");

        var page = pages().html("/alerts/oncall/" + id, Role.VIEWER);
        assertThat(page).contains("data-testid=\"shifts\"", "Daily at 09:00", alice.username() + "</span>",
                "Times in " + ZONE).doesNotContain("opf_").doesNotContain("override-form")
                .doesNotContain("edit-schedule").doesNotContain("new-feed");
        assertThat(pages().html("/alerts/oncall/" + id, Role.ADMIN)).contains("edit-schedule", "new-feed");
    }

    @Test
    void anOperatorAddsAndRemovesAnOverrideAndABadOneKeepsWhatWasTyped() {
        var alice = accounts.fresh(Role.OPERATOR);
        var carol = accounts.fresh(Role.OPERATOR);
        var name = unique("swap");
        pages().post("/alerts/oncall", Role.ADMIN, layer(name, "weekly", LocalDateTime.now().minusDays(3)
                .truncatedTo(ChronoUnit.HOURS), alice.username()));
        var id = id(name);
        var from = LocalDateTime.now(ZoneId.of(ZONE)).plusDays(2).truncatedTo(ChronoUnit.HOURS);

        var refused = pages().post("/alerts/oncall/" + id + "/overrides", Role.OPERATOR, Map.of(
                "userId", List.of(carol.id().toString()), "from", List.of(from.toString()),
                "to", List.of(from.minusHours(1).toString())));
        assertThat(refused).hasStatusOk();
        assertThat(Pages.html(refused)).contains("id=\"to-error\">must be after from", "value=\"" + from + "\"",
                "value=\"" + carol.id() + "\" selected=\"selected\"");
        var unreadable = pages().post("/alerts/oncall/" + id + "/overrides", Role.OPERATOR, Map.of(
                "userId", List.of(carol.id().toString()), "from", List.of("tomorrow"), "to", List.of("")));
        assertThat(Pages.html(unreadable)).contains("&#39;tomorrow&#39; is not a date and time", "id=\"to-error\">is required");

        var added = pages().post("/alerts/oncall/" + id + "/overrides", Role.OPERATOR, Map.of(
                "userId", List.of(carol.id().toString()), "from", List.of(from.toString()),
                "to", List.of(from.plusHours(8).toString())));
        assertThat(added).hasStatus3xxRedirection();
        var override = schedules.get(id).overrides().get(0);
        assertThat(override.from()).isEqualTo(from.atZone(ZoneId.of(ZONE)).toInstant());
        var page = pages().html("/alerts/oncall/" + id, Role.OPERATOR);
        assertThat(page).contains("data-testid=\"overrides\"", carol.username(), "remove-override", ">Override</td>");

        assertThat(pages().post("/alerts/oncall/" + id + "/overrides", Role.VIEWER, Map.of())).hasStatus(403);
        assertThat(pages().post("/alerts/oncall/" + id + "/overrides/" + override.id() + "/delete", Role.VIEWER,
                Map.of())).hasStatus(403);
        assertThat(pages().post("/alerts/oncall/" + id + "/overrides/" + override.id() + "/delete", Role.OPERATOR,
                Map.of())).hasStatus3xxRedirection();
        assertThat(schedules.get(id).overrides()).isEmpty();
    }

    @Test
    void theScheduleFormSaysWhichMemberIsUnknownBesideTheLayerAndKeepsEverything() {
        var alice = accounts.fresh(Role.OPERATOR);
        var name = unique("typo");
        var nobody = unique("nobody");
        var fields = layer(name, "custom", LocalDateTime.now().truncatedTo(ChronoUnit.HOURS),
                alice.username() + "\n" + nobody);
        fields.put("layers[0].shiftHours", List.of("twelve"));

        var refused = pages().post("/alerts/oncall", Role.ADMIN, fields);

        assertThat(refused).hasStatusOk();
        var html = Pages.html(refused);
        assertThat(html).contains("no user named &#39;" + nobody + "&#39;", "&#39;twelve&#39; is not a whole number",
                "value=\"" + name + "\"", alice.username() + "\n" + nobody + "</textarea>");
        assertThat(schedules.list()).noneMatch(s -> s.name().equals(name));
        assertThat(pages().post("/alerts/oncall", Role.OPERATOR, fields)).hasStatus(403);

        var none = pages().post("/alerts/oncall", Role.ADMIN, new java.util.HashMap<>(Map.of(
                "name", List.of(name), "timeZone", List.of("Mars/Olympus"))));
        assertThat(Pages.html(none)).contains("id=\"layers\"", "must hold 1 to", "is no IANA time zone id");
    }

    private UUID id(String name) {
        return schedules.list().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().id();
    }

    private static Map<String, List<String>> layer(String name, String rotation, LocalDateTime start, String members) {
        var fields = new java.util.HashMap<String, List<String>>();
        fields.put("name", List.of(name));
        fields.put("timeZone", List.of(ZONE));
        fields.put("layers[0].name", List.of("Primary"));
        fields.put("layers[0].rotation", List.of(rotation));
        fields.put("layers[0].handoffTime", List.of("09:00"));
        fields.put("layers[0].handoffDay", List.of("MONDAY"));
        fields.put("layers[0].start", List.of(start.toString()));
        fields.put("layers[0].participants", List.of(members));
        // The empty layer the form always offers, posted as a browser posts it.
        fields.put("layers[1].name", List.of(""));
        fields.put("layers[1].rotation", List.of("weekly"));
        fields.put("layers[1].participants", List.of(""));
        return fields;
    }
}
