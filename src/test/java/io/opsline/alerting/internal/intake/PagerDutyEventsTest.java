package io.opsline.alerting.internal.intake;

import static io.opsline.alerting.internal.intake.IntakeFixtures.NOW;
import static io.opsline.alerting.internal.intake.IntakeFixtures.body;
import static io.opsline.alerting.internal.intake.IntakeFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.opsline.alerting.CiHint;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;

class PagerDutyEventsTest {

    static final String SOURCE = "pagerduty-senders";
    static final String KEY = "R015G7NIPC3C8KLG0VWQ2H1O0KJXDTRF";

    /** The trigger of PagerDuty's Events API v2 documentation, with every field used. */
    static final String TRIGGER = """
            {
              "payload": {
                "summary": "DISK at 99% on machine prod-datapipe03.example.com",
                "timestamp": "2015-07-17T08:42:58.315+0000",
                "severity": "critical",
                "source": "prod-datapipe03.example.com",
                "component": "mysql",
                "group": "prod-datapipe",
                "class": "disk",
                "custom_details": {
                  "free space": "1%",
                  "ping time": "1500ms",
                  "load avg": 0.75,
                  "mounts": ["/", "/var"],
                  "owner": {"team": "data", "pager": null}
                }
              },
              "routing_key": "R015G7NIPC3C8KLG0VWQ2H1O0KJXDTRF",
              "dedup_key": "samplekeyhere",
              "images": [{
                "src": "https://www.pagerduty.com/wp-content/uploads/2016/05/pagerduty-logo-green.png",
                "href": "https://example.com/",
                "alt": "Example text"
              }],
              "links": [{
                "href": "https://example.com/",
                "text": "Link text"
              }],
              "event_action": "trigger",
              "client": "Sample Monitoring Service",
              "client_url": "https://monitoring.example.com"
            }
            """;

    @Test
    void readsATriggerAsPagerDutyDocumentsIt() {
        var read = parse(TRIGGER);

        assertThat(read.routingKey()).isEqualTo(KEY);
        assertThat(read.dedupKey()).isEqualTo("samplekeyhere");
        var event = read.event();
        assertThat(event.source()).isEqualTo(SOURCE);
        assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.summary()).isEqualTo("DISK at 99% on machine prod-datapipe03.example.com");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
        assertThat(event.labels()).containsOnly(entry("source", "prod-datapipe03.example.com"), entry("component", "mysql"),
                entry("group", "prod-datapipe"), entry("class", "disk"));
        assertThat(event.details()).containsOnly(
                entry("free space", "1%"), entry("ping time", "1500ms"), entry("load avg", "0.75"),
                entry("mounts", "[\"/\",\"/var\"]"), entry("owner", "{\"team\":\"data\",\"pager\":null}"),
                entry("pagerduty.links[0]", "Link text: https://example.com/"),
                entry("pagerduty.images[0]", "Example text: https://www.pagerduty.com/wp-content/uploads/2016/05/pagerduty-logo-green.png"),
                entry("pagerduty.client", "Sample Monitoring Service"),
                entry("pagerduty.client_url", "https://monitoring.example.com"));
        assertThat(event.ci()).isEqualTo(new CiHint(null, "prod-datapipe03.example.com", null));
        assertThat(event.link()).isEqualTo("https://monitoring.example.com");
    }

    @Test
    void aTriggerWithTheLeastPagerDutyAcceptsHappensNow() {
        var event = parse(trigger("\"summary\":\"Down\",\"source\":\"Core Router\",\"severity\":\"info\"")).event();

        assertThat(event.severity()).isEqualTo(Severity.INFO);
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.labels()).containsOnly(entry("source", "Core Router"));
        assertThat(event.details()).isEmpty();
        assertThat(event.ci()).as("free text names no host").isEqualTo(CiHint.NONE);
        assertThat(event.link()).isNull();
    }

    @Test
    void aSourceThatIsAnIpAddressIsTheCisAddress() {
        var event = parse(trigger("\"summary\":\"Down\",\"source\":\"192.0.2.10\",\"severity\":\"error\"")).event();

        assertThat(event.ci()).isEqualTo(new CiHint(null, null, "192.0.2.10"));
        assertThat(event.severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void aTriggerWithoutDedupKeyGetsANewOneToAnswerWith() {
        var payload = trigger("\"summary\":\"Down\",\"source\":\"web01\",\"severity\":\"warning\"");

        var first = parse(payload).dedupKey();
        var second = parse(payload).dedupKey();

        assertThat(first).matches("[0-9a-f]{32}");
        assertThat(second).matches("[0-9a-f]{32}").isNotEqualTo(first);
    }

    @Test
    void theFirstWebLinkIsTheLinkWhenTheClientGaveNone() {
        var event = parse("""
                {"routing_key": "k", "event_action": "trigger",
                 "payload": {"summary": "s", "source": "web01", "severity": "info"},
                 "client_url": "javascript:alert(1)",
                 "links": [{"href": "ftp://files.example.org/"}, {"href": "https://wiki.example.org/runbook"}]}
                """).event();

        assertThat(event.link()).isEqualTo("https://wiki.example.org/runbook");
        assertThat(event.details()).containsEntry("pagerduty.links[0]", "ftp://files.example.org/");
    }

    @Test
    void customDetailsThatAreNoObjectAreKeptWhole() {
        var event = parse(trigger("\"summary\":\"s\",\"source\":\"web01\",\"severity\":\"info\","
                + "\"custom_details\":\"disk full\\non /var\"")).event();

        assertThat(event.details()).containsOnly(entry("custom_details", "disk full\non /var"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acknowledge", "resolve"})
    void acknowledgeAndResolveNeedOnlyTheDedupKey(String action) {
        var read = parse("""
                {"routing_key": "%s", "event_action": "%s", "dedup_key": "srv01/HTTP", "payload": "ignored"}
                """.formatted(KEY, action));

        var event = read.event();
        assertThat(read.routingKey()).isEqualTo(KEY);
        assertThat(read.dedupKey()).isEqualTo("srv01/HTTP");
        assertThat(event.action()).isEqualTo(action.equals("resolve") ? EventAction.RESOLVE : EventAction.ACKNOWLEDGE);
        assertThat(event.severity()).isEqualTo(Severity.INFO);
        assertThat(event.summary()).isEmpty();
        assertThat(event.labels()).isEmpty();
        assertThat(event.ci()).isEqualTo(CiHint.NONE);
        assertThat(event.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void refusesAnEventWithoutRoutingKeyOrAction() {
        assertThat(refusal(() -> parse("{}"))).containsOnly(
                entry("routing_key", PagerDutyEvents.MISSING), entry("event_action", PagerDutyEvents.MISSING));
        assertThat(refusal(() -> parse("{\"routing_key\": \" \", \"event_action\": \"page\"}"))).containsOnly(
                entry("routing_key", "is missing or blank"),
                entry("event_action", "is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')"));
        assertThat(refusal(() -> parse("{\"routing_key\": 42, \"event_action\": [\"trigger\"]}"))).containsOnly(
                entry("routing_key", "must be text"), entry("event_action", PagerDutyEvents.INVALID_ACTION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"acknowledge", "resolve"})
    void refusesToAcknowledgeOrResolveWithoutDedupKey(String action) {
        assertThat(refusal(() -> parse("{\"routing_key\":\"k\",\"event_action\":\"" + action + "\",\"dedup_key\":\"\"}")))
                .containsOnly(entry("dedup_key", "is missing or blank"));
    }

    @Test
    void refusesATriggerWithoutPayload() {
        assertThat(refusal(() -> parse("{\"routing_key\":\"k\",\"event_action\":\"trigger\"}")))
                .containsOnly(entry("payload", "is missing or blank"));
        assertThat(refusal(() -> parse("{\"routing_key\":\"k\",\"event_action\":\"trigger\",\"payload\":[]}")))
                .containsOnly(entry("payload", "is invalid (must be an object)"));
    }

    @Test
    void refusesATriggerPayloadWithoutWhatPagerDutyRequires() {
        assertThat(refusal(() -> parse(trigger("\"summary\":\"\",\"custom_details\":null")))).containsOnly(
                entry("payload.summary", "is missing or blank"),
                entry("payload.source", "is missing or blank"),
                entry("payload.severity", "is missing or blank"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"high\"", "\"Critical\"", "\"CRITICAL\"", "1", "\"warn\""})
    void refusesSeveritiesPagerDutyRefuses(String severity) {
        assertThat(refusal(() -> parse(trigger("\"summary\":\"s\",\"source\":\"h\",\"severity\":" + severity))))
                .containsOnly(entry("payload.severity",
                        "is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')"));
    }

    @Test
    void namesEveryOtherFieldOfTheWrongType() {
        var payload = """
                {"routing_key": "k", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": ["s"], "source": "h", "severity": "info", "timestamp": "17/07/2015",
                             "component": 1, "custom_details": {"": "no name"}},
                 "links": {"href": "https://example.com"},
                 "images": ["https://example.com/a.png", {"alt": "no src"}],
                 "client": false}
                """.formatted("k".repeat(256));

        assertThat(refusal(() -> parse(payload))).containsOnly(
                entry("dedup_key", "must be at most 255 characters"),
                entry("payload.summary", "must be text"),
                entry("payload.timestamp", Timestamps.EXPECTED),
                entry("payload.component", "must be text"),
                entry("payload.custom_details", "has an entry without a name"),
                entry("links", "is invalid (must be a list)"),
                entry("images[0]", "is invalid (must be an object with 'src')"),
                entry("images[1].src", "is missing or blank"),
                entry("client", "must be text"));
    }

    @Test
    void refusesBodiesThatAreNoEvent() {
        assertThat(refusal(() -> parse("routing_key=k"))).containsOnlyKeys("body");
        assertThat(refusal(() -> parse("[{\"routing_key\":\"k\"}]"))).containsOnlyKeys("body");
    }

    @Test
    void cutsLongSummariesAndKeepsTheFirstHundredDetails() {
        var details = IntStream.range(0, 101).mapToObj(i -> "\"d%03d\":%d".formatted(i, i)).collect(Collectors.joining(","));
        var event = parse(trigger("\"summary\":\"" + "s".repeat(1_100) + "\",\"source\":\"h\",\"severity\":\"info\","
                + "\"custom_details\":{" + details + "}")).event();

        assertThat(event.summary()).hasSize(IntakeLimits.MAX_SUMMARY_LENGTH);
        assertThat(event.details()).hasSize(IntakeLimits.MAX_ENTRIES + 1).containsEntry("d099", "99")
                .containsEntry("opsline.leftOut.details", "1 more details beyond the first 100 were left out");
    }

    private static PagerDutyEnqueue parse(String json) {
        return PagerDutyEvents.parse(body(json), SOURCE, NOW);
    }

    private static String trigger(String payloadFields) {
        return "{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"payload\":{" + payloadFields + "}}";
    }
}
