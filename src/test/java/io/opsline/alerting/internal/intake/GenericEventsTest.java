package io.opsline.alerting.internal.intake;

import static io.opsline.alerting.internal.intake.IntakeFixtures.NOW;
import static io.opsline.alerting.internal.intake.IntakeFixtures.body;
import static io.opsline.alerting.internal.intake.IntakeFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;

class GenericEventsTest {

    static final String SOURCE = "backup-scripts";
    static final UUID CI = UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    @Test
    void readsOneEventWithEveryField() {
        var events = parse("""
                {"action": "trigger", "dedupKey": "db01/backup", "severity": "critical",
                 "summary": "Nightly backup of db01 failed",
                 "labels": {"service": "db", "attempt": 3, "offsite": true},
                 "details": {"log": "tar: /var/lib: Cannot open", "sizes": [1, 2], "target": {"bucket": "b"}, "skipped": null},
                 "ci": {"id": "%s", "hostname": "DB01.example.org", "address": "10.0.0.7"},
                 "occurredAt": "2024-05-01T02:00:00+02:00",
                 "link": "https://backup.example.org/jobs/17",
                 "sentBy": "cron"}
                """.formatted(CI));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo(SOURCE);
            assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
            assertThat(event.dedupKey()).isEqualTo("db01/backup");
            assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(event.summary()).isEqualTo("Nightly backup of db01 failed");
            assertThat(event.labels()).containsOnly(entry("service", "db"), entry("attempt", "3"), entry("offsite", "true"));
            assertThat(event.details()).containsOnly(entry("log", "tar: /var/lib: Cannot open"), entry("sizes", "[1,2]"),
                    entry("target", "{\"bucket\":\"b\"}"));
            assertThat(event.ci()).isEqualTo(new CiHint(CI, "db01.example.org", "10.0.0.7"));
            assertThat(event.occurredAt()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
            assertThat(event.link()).isEqualTo("https://backup.example.org/jobs/17");
        });
    }

    @Test
    void anEventIsATriggerThatHappenedNowUnlessItSaysOtherwise() {
        var event = parse("{\"severity\": \"high\", \"summary\": \"Queue is long\"}").getFirst();

        assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
        assertThat(event.severity()).isEqualTo(Severity.ERROR);
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.dedupKey()).isNull();
        assertThat(event.ci()).isEqualTo(CiHint.NONE);
        assertThat(event.labels()).isEmpty();
    }

    @Test
    void acknowledgeAndResolveNeedNeitherSeverityNorSummary() {
        var events = parse("{\"events\": [{\"action\": \"acknowledge\", \"dedupKey\": \"k\"},"
                + " {\"action\": \"RESOLVE\", \"labels\": {\"check\": \"disk\"}}]}");

        assertThat(events).extracting(Event::action).containsExactly(EventAction.ACKNOWLEDGE, EventAction.RESOLVE);
        assertThat(events).extracting(Event::severity).containsOnly(Severity.INFO);
        assertThat(events).extracting(Event::summary).containsOnly("");
    }

    @Test
    void readsABatchInOrder() {
        var batch = IntStream.range(0, 1_000)
                .mapToObj(i -> "{\"severity\":\"info\",\"summary\":\"event " + i + "\"}").collect(Collectors.joining(","));

        var events = parse("{\"events\": [" + batch + "]}");

        assertThat(events).hasSize(1_000);
        assertThat(events.get(999).summary()).isEqualTo("event 999");
        assertThat(parse("{\"events\": []}")).isEmpty();
    }

    @Test
    void refusesABatchLargerThanOneRequestMayCarry() {
        var batch = IntStream.range(0, 1_001).mapToObj(i -> "{}").collect(Collectors.joining(","));

        assertThat(refusal(() -> parse("{\"events\": [" + batch + "]}"))).containsOnly(
                entry("events", "holds 1001 events; at most 1000 are accepted in one request: send them in several"));
    }

    @Test
    void aHostNameThatIsAnIpAddressIsTheAddress() {
        var event = parse("{\"severity\":\"info\",\"summary\":\"s\",\"ci\":{\"hostname\":\"2001:DB8::1\"}}").getFirst();

        assertThat(event.ci()).isEqualTo(new CiHint(null, null, "2001:db8::1"));
    }

    @Test
    void refusesWhatItCannotRead() {
        var event = """
                {"action": "escalate", "dedupKey": 17, "severity": "somewhat bad", "summary": {"text": "x"},
                 "labels": {"tags": ["a"], "owner": {"team": "x"}}, "details": "free text",
                 "ci": {"id": "db01", "hostname": "db 01", "address": "db01.example.org"},
                 "occurredAt": "2024-05-01 12:00", "link": "javascript:alert(1)"}
                """;

        assertThat(refusal(() -> parse(event))).containsOnly(
                entry("action", "is 'escalate'; must be trigger, acknowledge or resolve"),
                entry("dedupKey", "must be text"),
                entry("severity", "is 'somewhat bad'; must be critical, error, warning or info (or a usual synonym: high, warn, low…)"),
                entry("summary", "must be text"),
                entry("labels.tags", "must be text, a number or true/false"),
                entry("labels.owner", "must be text, a number or true/false"),
                entry("details", "must be an object of names to values"),
                entry("ci.id", "is 'db01', not a CI id (a UUID)"),
                entry("ci.hostname", "is 'db 01', neither a host name nor an IP address"),
                entry("ci.address", "is 'db01.example.org', not an IP address"),
                entry("occurredAt", Timestamps.EXPECTED),
                entry("link", "must be an http or https URL of at most 4000 characters"));
    }

    @Test
    void aTriggerNeedsSeverityAndSummary() {
        assertThat(refusal(() -> parse("{\"summary\": \"  \", \"ci\": []}"))).containsOnly(
                entry("severity", "is required for a trigger"), entry("summary", "is required for a trigger"),
                entry("ci", "must be an object with id, hostname and/or address"));
    }

    @Test
    void namesTheEventInABatchThatIsWrong() {
        var batch = "{\"events\": [{\"severity\":\"info\",\"summary\":\"ok\"}, 42, {\"severity\":\"info\",\"summary\":\"s\","
                + "\"labels\":{\"x\":[1]}, \"occurredAt\": \"2024-13-01T00:00:00Z\"}]}";

        assertThat(refusal(() -> parse(batch))).containsOnly(entry("events[1]", "must be an event object"),
                entry("events[2].labels.x", "must be text, a number or true/false"),
                entry("events[2].occurredAt", Timestamps.EXPECTED));
    }

    @Test
    void refusesShapesThatAreNeitherAnEventNorABatch() {
        assertThat(refusal(() -> parse("[{\"severity\":\"info\",\"summary\":\"s\"}]")))
                .containsOnly(entry("body", "must be one event object, or {\"events\": [...]}"));
        assertThat(refusal(() -> parse("{\"events\": {\"severity\":\"info\"}}")))
                .containsOnly(entry("events", "must be a list of events"));
        assertThat(refusal(() -> parse("{\"summary\": \"s\", \"events\": []}"))).containsOnlyKeys("events");
        assertThat(refusal(() -> parse("{} {}"))).containsOnlyKeys("body");
        assertThat(refusal(() -> parse("   "))).containsOnly(entry("body", "is empty; expected one event object, or {\"events\": [...]}"));
    }

    @Test
    void cutsLongNamesAndValuesAndDropsControlCharacters() {
        var event = parse("{\"severity\":\"info\",\"summary\":\"a\\u0000b\\u0007c\",\"labels\":{\"" + "n".repeat(250)
                + "\":\"" + "v".repeat(4_500) + "\"},\"details\":{\"tab\":\"a\\tb\\nc\"}}").getFirst();

        assertThat(event.summary()).isEqualTo("abc");
        assertThat(event.labels()).containsOnly(entry("n".repeat(199) + "…", "v".repeat(3_999) + "…"));
        assertThat(event.details()).containsOnly(entry("tab", "a\tb\nc"));
    }

    @Test
    void keepsTheFirstHundredLabelsAndSaysSo() {
        var labels = IntStream.range(0, 130).mapToObj(i -> "\"l%03d\":%d".formatted(i, i)).collect(Collectors.joining(","));

        var event = parse("{\"severity\":\"info\",\"summary\":\"s\",\"labels\":{" + labels + "}}").getFirst();

        assertThat(event.labels()).hasSize(100).containsEntry("l099", "99");
        assertThat(event.details()).containsOnly(entry("opsline.leftOut.labels", "30 more labels beyond the first 100 were left out"));
    }

    private static List<Event> parse(String json) {
        return GenericEvents.parse(body(json), SOURCE, NOW);
    }
}
