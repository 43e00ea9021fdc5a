package io.opsline.monitoring;

import static io.opsline.identity.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.opsline.identity.ApiCalls;
import io.opsline.monitoring.internal.CheckStateRepository;
import io.opsline.monitoring.internal.history.HistoryKind;
import io.opsline.monitoring.internal.history.HistoryRepository;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@OpslineIntegrationTest
class DowntimeApiIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    MockMvcTester mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;
    @Autowired
    CheckStateRepository states;
    @Autowired
    HistoryRepository history;
    @Autowired
    ApplicationContext context;

    ApiCalls api;
    MonitoringFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(mvc, json);
        fixtures = new MonitoringFixtures(mvc, json, accounts, states);
    }

    private String operator() {
        return accounts.operator().token();
    }

    private static Map<String, Object> oneOff(Object ci, Instant start, Instant end) {
        var body = new HashMap<String, Object>();
        body.put("ci", ci.toString());
        body.put("comment", "Firmware upgrade");
        body.put("start", start.toString());
        body.put("end", end.toString());
        return body;
    }

    private JsonNode create(Map<String, Object> body) {
        var result = api.post(operator(), "/api/v1/downtimes", body);
        assertThat(result).hasStatus(201);
        return api.body(result);
    }

    private List<String> listed(String query) {
        var result = api.get(accounts.viewer().token(), "/api/v1/downtimes" + query);
        assertThat(result).hasStatusOk();
        return api.body(result).get("items").valueStream().map(d -> d.get("id").asString()).toList();
    }

    @Test
    void schedulesListsAndCancelsADowntimeKeepingItOnRecord() {
        var ci = fixtures.ci(unique("switch"));
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var result = api.post(operator(), "/api/v1/downtimes",
                oneOff(ci, now.plus(1, ChronoUnit.HOURS), now.plus(3, ChronoUnit.HOURS)));
        assertThat(result).hasStatus(201);
        var created = api.body(result);
        var id = created.get("id").asString();
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith("/api/v1/downtimes/" + id);
        assertThat(created.get("status").asString()).isEqualTo("upcoming");
        assertThat(created.get("author").asString()).isEqualTo(accounts.operator().username());
        assertThat(created.get("scope").get("ciId").asString()).isEqualTo(ci.toString());
        assertThat(created.get("scope").get("ciName").asString()).startsWith("switch-");
        assertThat(Instant.parse(created.get("next").get("start").asString())).isEqualTo(now.plus(1, ChronoUnit.HOURS));
        assertThat(created.get("current").isNull()).isTrue();

        var read = api.get(accounts.viewer().token(), "/api/v1/downtimes/" + id);
        assertThat(read).hasStatusOk();
        assertThat(api.body(read).get("comment").asString()).isEqualTo("Firmware upgrade");
        assertThat(listed("?status=upcoming&ci=" + ci)).containsExactly(id);
        assertThat(listed("?status=active&ci=" + ci)).isEmpty();
        assertThat(listed("?ci=" + ci)).containsExactly(id);

        assertThat(api.delete(operator(), "/api/v1/downtimes/" + id)).hasStatus(204);
        var cancelled = api.body(api.get(accounts.viewer().token(), "/api/v1/downtimes/" + id));
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.get("cancelledBy").asString()).isEqualTo(accounts.operator().username());
        assertThat(listed("?status=upcoming&ci=" + ci)).isEmpty();
        assertThat(listed("?status=cancelled&ci=" + ci)).containsExactly(id);

        var again = api.delete(operator(), "/api/v1/downtimes/" + id);
        assertThat(again).hasStatus(409);
        assertThat(api.body(again).get("detail").asString()).contains("already cancelled");

        var audit = api.get(accounts.admin().token(), "/api/v1/audit?entityType=downtime&entityId=" + id);
        assertThat(api.body(audit).get("items").valueStream().map(r -> r.get("action").asString()))
                .containsExactlyInAnyOrder("downtime.create", "downtime.cancel");
    }

    @Test
    void aDowntimeStartingInThePastHoldsFromNowAndCancellingItEndsItAsCancelled() {
        var ci = fixtures.ci(unique("db"));
        var now = Instant.now();
        try (var started = CaughtEvents.of(context, DowntimeStarted.class);
                var ended = CaughtEvents.of(context, DowntimeEnded.class)) {
            var created = create(oneOff(ci, now.minus(10, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS)));
            var id = UUID.fromString(created.get("id").asString());
            assertThat(created.get("status").asString()).isEqualTo("active");
            assertThat(Instant.parse(created.get("start").asString())).isAfterOrEqualTo(now.truncatedTo(ChronoUnit.MICROS));
            assertThat(Instant.parse(created.get("current").get("end").asString()))
                    .isEqualTo(Instant.parse(created.get("end").asString()));
            assertThat(listed("?status=active&ci=" + ci)).containsExactly(id.toString());
            assertThat(started.matching(e -> e.downtimeId().equals(id))).singleElement().satisfies(e -> {
                assertThat(e.ciIds()).containsExactly(ci);
                assertThat(e.author()).isEqualTo(accounts.operator().username());
                assertThat(e.comment()).isEqualTo("Firmware upgrade");
            });

            assertThat(api.delete(operator(), "/api/v1/downtimes/" + id)).hasStatus(204);
            assertThat(ended.matching(e -> e.downtimeId().equals(id))).singleElement().satisfies(e -> {
                assertThat(e.cancelled()).isTrue();
                assertThat(e.ciIds()).containsExactly(ci);
            });
        }
        assertThat(history.findByCi(ci, 10)).extracting(e -> e.kind())
                .containsExactly(HistoryKind.DOWNTIME_ENDED, HistoryKind.DOWNTIME_STARTED);
        assertThat(history.findByCi(ci, 10).getFirst().author()).isEqualTo(accounts.operator().username());
    }

    @Test
    void namesEveryMissingPartOfADowntime() {
        var result = api.post(operator(), "/api/v1/downtimes", Map.of());
        assertThat(result).hasStatus(422);
        assertThat(api.fields(result)).containsExactlyInAnyOrder("comment", "ci", "start", "end");
    }

    @Test
    void refusesTimesThatMakeNoSense() {
        var ci = fixtures.ci(unique("web"));
        var now = Instant.now();
        var backwards = api.post(operator(), "/api/v1/downtimes", oneOff(ci, now.plus(2, ChronoUnit.HOURS),
                now.plus(1, ChronoUnit.HOURS)));
        assertThat(backwards).hasStatus(422);
        assertThat(api.fields(backwards)).containsExactly("end");

        var tooLong = api.post(operator(), "/api/v1/downtimes", oneOff(ci, now, now.plus(32, ChronoUnit.DAYS)));
        assertThat(tooLong).hasStatus(422);
        assertThat(api.fields(tooLong)).containsExactly("end");
        assertThat(api.body(tooLong).toString()).contains("31 days");

        var over = api.post(operator(), "/api/v1/downtimes", oneOff(ci, now.minus(2, ChronoUnit.HOURS),
                now.minus(1, ChronoUnit.HOURS)));
        assertThat(over).hasStatus(422);
        assertThat(api.fields(over)).containsExactly("end");

        var body = oneOff(ci, now, now);
        body.put("start", "tomorrow");
        body.put("end", "2026-13-45T00:00:00Z");
        var unreadable = api.post(operator(), "/api/v1/downtimes", body);
        assertThat(unreadable).hasStatus(422);
        assertThat(api.fields(unreadable)).containsExactly("start", "end");
    }

    @Test
    void refusesScopesThatNameNothing() {
        var ci = fixtures.ci(unique("app"));
        var other = fixtures.ci(unique("app"));
        var check = fixtures.check(other, "ssh");
        var now = Instant.now();
        var start = now.plus(1, ChronoUnit.HOURS);
        var end = now.plus(2, ChronoUnit.HOURS);

        var unknownCi = api.post(operator(), "/api/v1/downtimes", oneOff(UUID.randomUUID(), start, end));
        assertThat(unknownCi).hasStatus(422);
        assertThat(api.fields(unknownCi)).containsExactly("ci");

        var notAnId = api.post(operator(), "/api/v1/downtimes", oneOff("web01", start, end));
        assertThat(api.fields(notAnId)).containsExactly("ci");

        var unknownCheck = oneOff(ci, start, end);
        unknownCheck.put("check", UUID.randomUUID().toString());
        assertThat(api.fields(api.post(operator(), "/api/v1/downtimes", unknownCheck))).containsExactly("check");

        var checkOfAnotherCi = oneOff(ci, start, end);
        checkOfAnotherCi.put("check", check.toString());
        assertThat(api.fields(api.post(operator(), "/api/v1/downtimes", checkOfAnotherCi))).containsExactly("ci");

        var checkWithDependents = oneOff(other, start, end);
        checkWithDependents.put("check", check.toString());
        checkWithDependents.put("withDependents", true);
        assertThat(api.fields(api.post(operator(), "/api/v1/downtimes", checkWithDependents)))
                .containsExactly("withDependents");

        var untagged = oneOff(ci, start, end);
        untagged.remove("ci");
        untagged.put("tag", unique("nobody-has-this"));
        var noSuchTag = api.post(operator(), "/api/v1/downtimes", untagged);
        assertThat(noSuchTag).hasStatus(422);
        assertThat(api.fields(noSuchTag)).containsExactly("tag");

        var both = oneOff(ci, start, end);
        both.put("tag", "web");
        assertThat(api.fields(api.post(operator(), "/api/v1/downtimes", both))).containsExactly("tag");
    }

    @Test
    void schedulesAWeeklyDowntimeOnBerlinTime() {
        var ci = fixtures.ci(unique("backup"));
        // A day that is neither today nor yesterday in Berlin, so that no window of it holds now.
        var day = LocalDateTime.now(BERLIN).getDayOfWeek().plus(3);
        var body = new HashMap<String, Object>(Map.of("ci", ci.toString(), "comment", "Weekly backup window",
                "recurrence", Map.of("days", List.of(day.name().toLowerCase(Locale.ROOT)), "startTime", "02:00",
                        "durationMinutes", 180, "timeZone", "Europe/Berlin")));
        var created = create(body);
        assertThat(created.get("status").asString()).isEqualTo("upcoming");
        var recurrence = created.get("recurrence");
        assertThat(recurrence.get("days").valueStream().map(JsonNode::asString))
                .containsExactly(day.name().toLowerCase(Locale.ROOT));
        assertThat(recurrence.get("startTime").asString()).startsWith("02:00");
        assertThat(recurrence.get("durationMinutes").asInt()).isEqualTo(180);
        assertThat(recurrence.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(created.get("end").isNull()).isTrue();
        var next = created.get("next");
        var start = Instant.parse(next.get("start").asString()).atZone(BERLIN);
        assertThat(start.getDayOfWeek()).isEqualTo(day);
        assertThat(start.toLocalTime().toString()).isEqualTo("02:00");
        assertThat(Instant.parse(next.get("end").asString())).isEqualTo(start.toInstant().plus(3, ChronoUnit.HOURS));
        assertThat(listed("?status=upcoming&ci=" + ci)).containsExactly(created.get("id").asString());
    }

    @Test
    void namesEveryBadPartOfAWeeklySchedule() {
        var ci = fixtures.ci(unique("batch"));
        var bad = api.post(operator(), "/api/v1/downtimes", Map.of("ci", ci.toString(), "comment", "nightly",
                "start", Instant.now().toString(), "recurrence", Map.of("days", List.of("someday"), "startTime", "25:00",
                        "durationMinutes", 0, "timeZone", "Mars/Olympus_Mons", "until", "2020-01-01T00:00:00Z")));
        assertThat(bad).hasStatus(422);
        assertThat(api.fields(bad)).containsExactlyInAnyOrder("start", "recurrence.days", "recurrence.startTime",
                "recurrence.durationMinutes", "recurrence.timeZone", "recurrence.until");

        var overlapping = api.post(operator(), "/api/v1/downtimes", Map.of("ci", ci.toString(), "comment", "nightly",
                "recurrence", Map.of("days", List.of("mon", "tue"), "startTime", "22:00", "durationMinutes", 25 * 60,
                        "timeZone", "Europe/Berlin")));
        assertThat(overlapping).hasStatus(422);
        assertThat(api.fields(overlapping)).containsExactly("recurrence.durationMinutes");
    }

    @Test
    void listsTheDowntimesCoveringACiThroughItsTagsAndParents() {
        var tag = unique("rack");
        var host = fixtures.ci(unique("host"));
        var vm = fixtures.ci(unique("vm"), tag);
        fixtures.relate(vm, "runs_on", host);
        var now = Instant.now();
        var onHost = oneOff(host, now.plus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.HOURS));
        onHost.put("withDependents", true);
        var hostAndDependents = create(onHost).get("id").asString();
        var hostOnly = create(oneOff(host, now.plus(1, ChronoUnit.HOURS), now.plus(2, ChronoUnit.HOURS)))
                .get("id").asString();
        var byTag = oneOff(host, now.plus(3, ChronoUnit.HOURS), now.plus(4, ChronoUnit.HOURS));
        byTag.remove("ci");
        byTag.put("tag", tag);
        var tagged = create(byTag);
        assertThat(tagged.get("scope").get("tag").asString()).isEqualTo(tag);

        assertThat(listed("?ci=" + vm)).containsExactlyInAnyOrder(hostAndDependents, tagged.get("id").asString());
        assertThat(listed("?ci=" + host)).containsExactlyInAnyOrder(hostAndDependents, hostOnly);
        // Upcoming ones come by when they begin.
        assertThat(listed("?status=upcoming&ci=" + vm)).containsExactly(hostAndDependents,
                tagged.get("id").asString());
    }

    @Test
    void refusesUnknownFiltersAndAnswersUnknownDowntimesWithNotFound() {
        var badFilter = api.get(accounts.viewer().token(), "/api/v1/downtimes?status=someday&ci=x");
        assertThat(badFilter).hasStatus(422);
        assertThat(api.fields(badFilter)).containsExactly("status", "ci");
        assertThat(api.get(accounts.viewer().token(), "/api/v1/downtimes/" + UUID.randomUUID())).hasStatus(404);
        assertThat(api.delete(operator(), "/api/v1/downtimes/" + UUID.randomUUID())).hasStatus(404);
    }

    @Test
    void theApiDescriptionShowsDowntimesAndAcknowledgementsWithoutTheCallerAsAParameter() {
        var document = api.body(mvc.get().uri("/api/openapi").exchange());
        var paths = document.get("paths");
        assertThat(paths.has("/api/v1/downtimes")).isTrue();
        assertThat(paths.has("/api/v1/downtimes/{id}")).isTrue();
        assertThat(paths.has("/api/v1/checks/{id}/acknowledgement")).isTrue();
        assertThat(paths.has("/api/v1/acknowledgements")).isTrue();
        assertThat(paths.get("/api/v1/downtimes").get("post").toString()).doesNotContain("principal");
    }

    @Test
    void aWeekdayNameIsAcceptedInAnyCase() {
        var ci = fixtures.ci(unique("mail"));
        var created = create(new HashMap<>(Map.of("ci", ci.toString(), "comment", "patch day", "recurrence",
                Map.of("days", List.of("Tue", "THURSDAY"), "startTime", "03:00", "durationMinutes", 60, "timeZone",
                        "UTC"))));
        assertThat(created.get("recurrence").get("days").valueStream().map(JsonNode::asString))
                .containsExactly(DayOfWeek.TUESDAY.name().toLowerCase(Locale.ROOT),
                        DayOfWeek.THURSDAY.name().toLowerCase(Locale.ROOT));
    }
}
