package io.opsline.alerting.oncall;

import static io.opsline.alerting.oncall.OnCallFixtures.dailyLayer;
import static io.opsline.alerting.oncall.OnCallFixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.opsline.identity.ApiCalls;
import io.opsline.identity.Role;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.json.JsonMapper;

/** A schedule's calendar feed: opened by its secret address without signing in, closed when the address changes. */
@OpslineIntegrationTest
class CalendarFeedIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    private ApiCalls api() {
        return new ApiCalls(mvc, json);
    }

    private MvcTestResult anonymously(String path) {
        return mvc.get().uri(path).exchange();
    }

    @Test
    void theFeedTokenOpensTheCalendarUntilItIsRotated() throws Exception {
        var anna = accounts.fresh(Role.OPERATOR);
        var ben = accounts.fresh(Role.OPERATOR);
        var name = ApiCalls.unique("feed") + " with a rather long name, to make lines fold";
        var start = LocalDate.now(ZoneOffset.UTC).minusDays(3).atTime(9, 0).toString();
        var created = new OnCallFixtures(api(), accounts).createSchedule(schedule(name, "Europe/Berlin",
                List.of(dailyLayer("primary", start, anna.id().toString(), ben.id().toString()))));
        var id = created.get("schedule").get("id").asString();
        var path = created.get("feed").get("path").asString();
        assertThat(path).startsWith("/calendar/oncall/opf_").endsWith(".ics");
        assertThat(api().get(accounts.viewer().token(), "/api/v1/oncall-schedules/" + id).getResponse()
                .getContentAsString()).doesNotContain(created.get("feed").get("token").asString());

        var feed = anonymously(path);

        assertThat(feed).hasStatusOk();
        assertThat(feed.getResponse().getContentType()).startsWith("text/calendar");
        var calendar = new String(feed.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        var events = parse(calendar);
        // Three days back to sixty ahead, one shift a day, the first since the rotation began.
        assertThat(events.size()).isBetween(62, 65);
        assertThat(events).allSatisfy(e -> {
            assertThat(e).anyMatch(l -> l.matches("DTSTART:\\d{8}T\\d{6}Z"));
            assertThat(e).anyMatch(l -> l.matches("DTEND:\\d{8}T\\d{6}Z"));
            assertThat(e).anyMatch(l -> l.matches("DTSTAMP:\\d{8}T\\d{6}Z"));
            assertThat(e).anyMatch(l -> l.startsWith("UID:") && l.endsWith("@opsline"));
            assertThat(e).anyMatch(l -> l.equals("SUMMARY:On call: " + anna.username())
                    || l.equals("SUMMARY:On call: " + ben.username()));
        });
        assertThat(events.stream().map(e -> e.stream().filter(l -> l.startsWith("UID:")).findFirst().orElseThrow())
                .distinct()).hasSize(events.size());
        // The same shifts keep their UIDs from one refresh to the next.
        var again = new String(anonymously(path).getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(parse(again).getFirst()).filteredOn(l -> l.startsWith("UID:"))
                .isEqualTo(events.getFirst().stream().filter(l -> l.startsWith("UID:")).toList());

        var viaApi = api().get(accounts.viewer().token(), "/api/v1/oncall-schedules/" + id + "/calendar.ics");
        assertThat(viaApi).hasStatusOk();
        assertThat(parse(viaApi.getResponse().getContentAsString(StandardCharsets.UTF_8))).hasSize(events.size());

        var rotated = api().post(accounts.admin().token(), "/api/v1/oncall-schedules/" + id + "/feed-token", null);
        assertThat(rotated).hasStatusOk();
        var newPath = api().body(rotated).get("path").asString();
        assertThat(anonymously(path)).hasStatus(404);
        assertThat(anonymously(newPath)).hasStatusOk();
    }

    @Test
    void anUnknownTokenIsNotFoundWithoutSayingWhy() throws Exception {
        var unknown = anonymously("/calendar/oncall/opf_" + "A".repeat(40) + ".ics");
        assertThat(unknown).hasStatus(404);
        assertThat(unknown.getResponse().getContentAsString()).isEmpty();
        assertThat(anonymously("/calendar/oncall/guess.ics")).hasStatus(404);
    }

    /** Checks the RFC 5545 frame (CRLF, folding at 75 octets) and returns each VEVENT's unfolded lines. */
    private static List<List<String>> parse(String calendar) {
        assertThat(calendar).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(calendar.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (var physical : calendar.split("\r\n")) {
            assertThat(physical.getBytes(StandardCharsets.UTF_8).length).as(physical).isLessThanOrEqualTo(75);
        }
        var lines = calendar.replace("\r\n ", "").split("\r\n");
        assertThat(lines).contains("VERSION:2.0");
        assertThat(lines).anyMatch(l -> l.startsWith("PRODID:"));
        var events = new ArrayList<List<String>>();
        List<String> current = null;
        for (var line : lines) {
            if (line.equals("BEGIN:VEVENT")) {
                assertThat(current).as("nested VEVENT").isNull();
                current = new ArrayList<>();
            } else if (line.equals("END:VEVENT")) {
                events.add(current);
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        assertThat(current).as("unterminated VEVENT").isNull();
        return events;
    }
}
