package io.opsline.alerting.internal.intake;

import static io.opsline.alerting.internal.intake.IntakeFixtures.NOW;
import static io.opsline.alerting.internal.intake.IntakeFixtures.SOURCE;
import static io.opsline.alerting.internal.intake.IntakeFixtures.body;
import static io.opsline.alerting.internal.intake.IntakeFixtures.quoted;
import static io.opsline.alerting.internal.intake.IntakeFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.opsline.alerting.CiHint;
import io.opsline.alerting.Event;
import io.opsline.alerting.EventAction;
import io.opsline.alerting.Severity;

class AlertmanagerWebhookTest {

    /** A group as Alertmanager 0.25 posts it with send_resolved: one alert still firing, one resolved. */
    static final String GROUP = """
            {
              "receiver": "opsline",
              "status": "firing",
              "alerts": [
                {
                  "status": "firing",
                  "labels": {
                    "alertname": "NodeFilesystemAlmostOutOfSpace",
                    "device": "/dev/sda1",
                    "fstype": "ext4",
                    "instance": "db01.example.org:9100",
                    "job": "node",
                    "mountpoint": "/",
                    "severity": "critical"
                  },
                  "annotations": {
                    "description": "Filesystem on /dev/sda1 at db01.example.org:9100 has only 2.83% available space left.",
                    "runbook_url": "https://runbooks.prometheus-operator.dev/runbooks/node/nodefilesystemalmostoutofspace",
                    "summary": "Filesystem has less than 3% space left."
                  },
                  "startsAt": "2023-03-14T09:26:45.36742133Z",
                  "endsAt": "0001-01-01T00:00:00Z",
                  "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=node_filesystem_avail_bytes%7Bjob%3D%22node%22%7D+%3C+0.03&g0.tab=1",
                  "fingerprint": "3c2a1b5e8f9d0a47"
                },
                {
                  "status": "resolved",
                  "labels": {
                    "alertname": "InstanceDown",
                    "instance": "10.0.0.5:9100",
                    "job": "node",
                    "severity": "warning"
                  },
                  "annotations": {
                    "description": "10.0.0.5:9100 of job node has been down for more than 5 minutes.\\nCheck the exporter."
                  },
                  "startsAt": "2023-03-14T09:01:15.009Z",
                  "endsAt": "2023-03-14T09:31:15.009Z",
                  "generatorURL": "http://prometheus.example.org:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1",
                  "fingerprint": "9f1d0e4c2b7a6e13"
                }
              ],
              "groupLabels": {
                "job": "node"
              },
              "commonLabels": {
                "job": "node"
              },
              "commonAnnotations": {},
              "externalURL": "http://alertmanager.example.org:9093",
              "version": "4",
              "groupKey": "{}:{job=\\"node\\"}",
              "truncatedAlerts": 0
            }
            """;

    @Test
    void readsEachAlertOfAGroupAsOneEvent() {
        var events = AlertmanagerWebhook.parse(body(GROUP), SOURCE, NOW);

        assertThat(events).hasSize(2);
        var firing = events.get(0);
        assertThat(firing.source()).isEqualTo(SOURCE);
        assertThat(firing.action()).isEqualTo(EventAction.TRIGGER);
        assertThat(firing.dedupKey()).isEqualTo("3c2a1b5e8f9d0a47");
        assertThat(firing.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(firing.summary()).isEqualTo("Filesystem has less than 3% space left.");
        assertThat(firing.labels()).hasSize(7).containsEntry("alertname", "NodeFilesystemAlmostOutOfSpace")
                .containsEntry("mountpoint", "/");
        assertThat(firing.details()).containsOnly(
                entry("description", "Filesystem on /dev/sda1 at db01.example.org:9100 has only 2.83% available space left."),
                entry("runbook_url", "https://runbooks.prometheus-operator.dev/runbooks/node/nodefilesystemalmostoutofspace"),
                entry("summary", "Filesystem has less than 3% space left."),
                entry("alertmanager.receiver", "opsline"),
                entry("alertmanager.externalURL", "http://alertmanager.example.org:9093"));
        assertThat(firing.ci()).isEqualTo(new CiHint(null, "db01.example.org", null));
        assertThat(firing.occurredAt()).isEqualTo(Instant.parse("2023-03-14T09:26:45.36742133Z"));
        assertThat(firing.link()).startsWith("http://prometheus.example.org:9090/graph?g0.expr=");

        var resolved = events.get(1);
        assertThat(resolved.action()).isEqualTo(EventAction.RESOLVE);
        assertThat(resolved.dedupKey()).isEqualTo("9f1d0e4c2b7a6e13");
        assertThat(resolved.severity()).isEqualTo(Severity.WARNING);
        assertThat(resolved.summary()).isEqualTo("10.0.0.5:9100 of job node has been down for more than 5 minutes.");
        assertThat(resolved.ci()).isEqualTo(new CiHint(null, null, "10.0.0.5"));
        assertThat(resolved.occurredAt()).isEqualTo(Instant.parse("2023-03-14T09:31:15.009Z"));
    }

    @Test
    void alertsWithoutARealTimeHappenNow() {
        var events = parseAlerts(alert("firing", "{\"alertname\":\"A\"}", "\"startsAt\":\"0001-01-01T00:00:00Z\""),
                alert("resolved", "{\"alertname\":\"B\"}", "\"endsAt\":\"0001-01-01T00:00:00Z\""),
                alert("firing", "{\"alertname\":\"C\"}", null));

        assertThat(events).extracting(Event::occurredAt).containsOnly(NOW);
    }

    @Test
    void summaryFallsBackToTheDescriptionsFirstLineThenTheAlertNameAndInstance() {
        var events = parseAlerts(
                alert("firing", "{\"alertname\":\"A\"}", "\"annotations\":{\"description\":\"\\n  First line.\\nSecond.\"}"),
                alert("firing", "{\"alertname\":\"HighLoad\",\"instance\":\"web01:9100\"}", null),
                alert("firing", "{\"alertname\":\"HighLoad\"}", "\"annotations\":{\"summary\":\" \"}"),
                alert("firing", "{\"job\":\"x\"}", null),
                alert("firing", "{}", "\"annotations\":{\"summary\":\"Two\\nlines   here\"}"));

        assertThat(events).extracting(Event::summary).containsExactly("First line.", "HighLoad on web01:9100",
                "HighLoad", AlertmanagerWebhook.DEFAULT_SUMMARY, "Two lines here");
    }

    @Test
    void severityComesFromTheSeverityLabelAndIsWarningWithoutOne() {
        var events = parseAlerts(alert("firing", "{\"severity\":\"page\"}", null), alert("firing", "{\"severity\":\"Info\"}", null),
                alert("firing", "{\"severity\":\"whatever\"}", null), alert("firing", "{}", null));

        assertThat(events).extracting(Event::severity)
                .containsExactly(Severity.CRITICAL, Severity.INFO, Severity.WARNING, Severity.WARNING);
    }

    @Test
    void anAlertWithoutFingerprintLeavesTheDedupKeyToTheIntake() {
        var event = parseAlerts(alert("firing", "{\"alertname\":\"A\"}", null)).getFirst();

        assertThat(event.dedupKey()).isNull();
        assertThat(event.link()).isNull();
    }

    @ParameterizedTest(name = "instance {0}: host name {1}, address {2}")
    @CsvSource(nullValues = "-", value = {
            "web01:9100, web01, -",
            "Web01.Example.ORG:9100, web01.example.org, -",
            "web01, web01, -",
            "10.0.0.5:9100, -, 10.0.0.5",
            "10.0.0.5, -, 10.0.0.5",
            "[2001:db8::1]:9100, -, 2001:db8::1",
            "[::1]:9100, -, ::1",
            "[fe80::1%eth0]:9100, -, fe80::1%eth0",
            "2001:db8::7, -, 2001:db8::7",
            "https://shop.example.org/health, shop.example.org, -",
            "http://[2001:db8::9]:8080/, -, 2001:db8::9",
            "not a host!, -, -",
            "web01:http, -, -",
            "[2001:db8::1]:x, -, -",
            "010.0.0.5:9100, -, -"
    })
    void findsTheHostInTheInstanceLabel(String instance, String hostname, String address) {
        var event = parseAlerts(alert("firing", "{\"instance\":" + quoted(instance) + "}", null)).getFirst();

        assertThat(event.ci()).isEqualTo(new CiHint(null, hostname, address));
    }

    @Test
    void anExplicitHostLabelNamesTheHostAndAnIpInstanceItsAddress() {
        var labels = "{\"instance\":\"10.0.0.5:9100\",\"nodename\":\"db01\",\"hostname\":\"db01.example.org\"}";

        var event = parseAlerts(alert("firing", labels, null)).getFirst();

        assertThat(event.ci()).isEqualTo(new CiHint(null, "db01.example.org", "10.0.0.5"));
    }

    @Test
    void theOpslineCiLabelNamesTheCiWhenItHoldsAnId() {
        var id = UUID.randomUUID();

        var events = parseAlerts(alert("firing", "{\"opsline_ci\":\"" + id + "\"}", null),
                alert("firing", "{\"opsline_ci\":\"db01\"}", null));

        assertThat(events.get(0).ci()).isEqualTo(CiHint.of(id));
        assertThat(events.get(1).ci()).isEqualTo(CiHint.NONE);
    }

    @Test
    void onlyWebLinksAreKept() {
        var event = parseAlerts(alert("firing", "{}", "\"generatorURL\":\"javascript:alert(1)\"")).getFirst();

        assertThat(event.link()).isNull();
    }

    @Test
    void refusesOtherVersionsOfThePayload() {
        assertThat(refusal(() -> parse(GROUP.replace("\"version\": \"4\"", "\"version\": \"3\""))))
                .containsOnly(entry("version", "is \"3\"; only Alertmanager's webhook payload version \"4\" is read"));
        assertThat(refusal(() -> parse(GROUP.replace("\"version\": \"4\"", "\"version\": 4")))).containsOnlyKeys("version");
        assertThat(refusal(() -> parse(GROUP.replace("\"version\": \"4\",", "")))).containsOnly(
                entry("version", "is required: only Alertmanager's webhook payload version 4 is read"));
    }

    @Test
    void refusesBodiesThatAreNoPayloadAtAll() {
        assertThat(refusal(() -> parse(""))).containsOnlyKeys("body");
        assertThat(refusal(() -> parse("[]"))).containsOnlyKeys("body");
        assertThat(refusal(() -> parse("{\"version\": \"4\", "))).hasEntrySatisfying("body",
                message -> assertThat(message).startsWith("is not valid JSON at line 1"));
        assertThat(refusal(() -> AlertmanagerWebhook.parse(null, SOURCE, NOW))).containsOnlyKeys("body");
    }

    @Test
    void namesEveryFieldOfTheWrongType() {
        var payload = """
                {"version": "4", "status": "burning", "receiver": 7, "groupLabels": [], "truncatedAlerts": -1,
                 "alerts": [
                   "an alert",
                   {"status": "firing", "labels": ["alertname", "A"], "annotations": {"summary": 3}},
                   {"labels": {"alertname": "B"}, "startsAt": "yesterday", "endsAt": 1700000000},
                   {"status": "pending", "labels": {"alertname": "C", "team": null}, "fingerprint": {}},
                   {"status": "firing"},
                   {"status": " ", "labels": {}}
                 ]}
                """;

        assertThat(refusal(() -> parse(payload))).containsOnly(
                entry("status", "is 'burning'; must be firing or resolved"),
                entry("receiver", "must be text"),
                entry("groupLabels", "must be an object of names to text"),
                entry("truncatedAlerts", "must be a whole number of at least 0"),
                entry("alerts[0]", "must be an alert object"),
                entry("alerts[1].labels", "must be an object of names to text"),
                entry("alerts[1].annotations.summary", "must be text"),
                entry("alerts[2].status", "is required"),
                entry("alerts[2].startsAt", Timestamps.EXPECTED),
                entry("alerts[2].endsAt", Timestamps.EXPECTED),
                entry("alerts[3].status", "is 'pending'; must be firing or resolved"),
                entry("alerts[3].fingerprint", "must be text"),
                entry("alerts[4].labels", "is required"),
                entry("alerts[5].status", "is required"));
    }

    @Test
    void refusesAlertsThatAreNoList() {
        assertThat(refusal(() -> parse("{\"version\":\"4\",\"alerts\":{\"status\":\"firing\"}}")))
                .containsOnly(entry("alerts", "must be a list of alerts"));
        assertThat(refusal(() -> parse("{\"version\":\"4\"}"))).containsOnly(entry("alerts", "is required"));
    }

    @Test
    void refusesMoreAlertsThanOneRequestMayCarry() {
        var alerts = IntStream.range(0, 1_001).mapToObj(i -> alert("firing", "{\"n\":\"" + i + "\"}", null)).toList();

        assertThat(refusal(() -> parseAlerts(alerts.toArray(String[]::new)))).containsOnly(entry("alerts",
                "holds 1001 alerts; at most 1000 are accepted in one request (set max_alerts in the receiver's webhook_config)"));
        assertThat(parseAlerts(alerts.subList(0, 1_000).toArray(String[]::new))).hasSize(1_000);
    }

    @Test
    void reportsTheFirstHundredProblemsOnly() {
        var alerts = IntStream.range(0, 500).mapToObj(i -> "7").toArray(String[]::new);

        assertThat(IntakeFixtures.violations(() -> parseAlerts(alerts))).hasSize(IntakeLimits.MAX_REPORTED_PROBLEMS);
    }

    @Test
    void cutsWhatIsTooLongInsteadOfLosingTheAlert() {
        var labels = IntStream.range(0, 120).mapToObj(i -> "\"l%03d\":\"v\"".formatted(i)).collect(Collectors.joining(","));
        var longValue = "x".repeat(5_000);
        var event = parseAlerts(alert("firing", "{" + labels + ",\"z\":\"" + longValue + "\"}",
                "\"annotations\":{\"summary\":\"" + "s".repeat(1_500) + "\",\"" + "n".repeat(300) + "\":\"" + longValue + "\"}"))
                .getFirst();

        assertThat(event.labels()).hasSize(IntakeLimits.MAX_ENTRIES).containsKey("l099").doesNotContainKey("l100");
        assertThat(event.details()).containsEntry("opsline.leftOut.labels", "21 more labels beyond the first 100 were left out");
        assertThat(event.summary()).hasSize(IntakeLimits.MAX_SUMMARY_LENGTH).endsWith("s…");
        assertThat(event.details()).containsEntry("n".repeat(199) + "…", "x".repeat(3_999) + "…");
    }

    private static List<Event> parse(String json) {
        return AlertmanagerWebhook.parse(body(json), SOURCE, NOW);
    }

    /** A version 4 payload around the alerts. */
    private static List<Event> parseAlerts(String... alerts) {
        return parse("{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[" + String.join(",", alerts) + "]}");
    }

    /** An alert with the status and labels, and more fields ({@code "name": value, …}) when given. */
    private static String alert(String status, String labels, String more) {
        return "{\"status\":\"" + status + "\",\"labels\":" + labels + (more == null ? "" : "," + more) + "}";
    }
}
