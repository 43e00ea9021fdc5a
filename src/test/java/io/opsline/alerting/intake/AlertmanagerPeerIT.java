package io.opsline.alerting.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import io.opsline.testing.Peers;
import io.opsline.testing.RequiresTestDatabase;
import io.opsline.testing.TestAccounts;
import io.opsline.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's prometheus-alertmanager, configured with a webhook receiver pointing at Opsline, delivers
 * alerts that appear, deduplicate and resolve: the real peer, its real retries and grouping, over
 * real HTTP.
 */
@ExtendWith(RequiresTestDatabase.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
@Import(TestAccounts.class)
class AlertmanagerPeerIT {

    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    TestAccounts accounts;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process alertmanager;

    @AfterEach
    void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.destroyForcibly();
        }
    }

    @Test
    void alertsFromAlertmanagerAppearDeduplicateAndResolve() throws Exception {
        Peers.assumePresent(Files.isExecutable(ALERTMANAGER), "Prometheus Alertmanager", "prometheus-alertmanager");
        var name = "alertmanager-" + UUID.randomUUID().toString().substring(0, 8);
        var created = call("POST", "/api/v1/alert-integrations", accounts.admin().token(),
                Map.of("name", name, "kind", "alertmanager", "fingerprintFields", List.of("alertname", "instance")));
        var amUrl = startAlertmanager(created.get("key").asString());

        postAlert(amUrl, "db-1:9100", null);
        awaitAlerts(name, alerts -> alerts.size() == 1 && status(alerts, "db-1:9100").equals("FIRING"));

        // The same alert again, and a second one in its group: Alertmanager sends the group with
        // both; the first stays one alert that counts another occurrence.
        postAlert(amUrl, "db-1:9100", null);
        postAlert(amUrl, "db-2:9100", null);
        var both = awaitAlerts(name, alerts -> alerts.size() == 2 && status(alerts, "db-2:9100").equals("FIRING"));
        assertThat(find(both, "db-1:9100").get("occurrences").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(find(both, "db-1:9100").get("summary").asString()).isEqualTo("Disk almost full on db-1:9100");

        postAlert(amUrl, "db-1:9100", Instant.now().minusSeconds(1));
        var resolved = awaitAlerts(name, alerts -> status(alerts, "db-1:9100").equals("RESOLVED"));
        assertThat(resolved.size()).isEqualTo(2);
        assertThat(status(resolved, "db-2:9100")).isEqualTo("FIRING");
    }

    private String startAlertmanager(String key) throws IOException {
        var dir = Files.createTempDirectory("alertmanager-");
        var config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: opsline
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: opsline
                    webhook_configs:
                      - url: http://127.0.0.1:%d/api/v1/intake/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(port, key));
        int amPort = Peers.freeTcpPort();
        alertmanager = new ProcessBuilder(ALERTMANAGER.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        var url = "http://127.0.0.1:" + amPort;
        Peers.awaitReady("Alertmanager ready on " + url, () -> http.send(
                HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return url;
    }

    /** Posts an alert to Alertmanager's API as Prometheus does; with an end time in the past it is resolved. */
    private void postAlert(String amUrl, String instance, Instant endsAt) throws Exception {
        var alert = new HashMap<String, Object>();
        alert.put("labels", Map.of("alertname", "DiskAlmostFull", "instance", instance, "severity", "critical"));
        alert.put("annotations", Map.of("summary", "Disk almost full on " + instance));
        if (endsAt != null) {
            alert.put("startsAt", endsAt.minusSeconds(60).toString());
            alert.put("endsAt", endsAt.toString());
        }
        var response = http.send(HttpRequest.newBuilder(URI.create(amUrl + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(List.of(alert)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private JsonNode awaitAlerts(String source, java.util.function.Predicate<JsonNode> until) {
        return Awaitility.await("alerts from " + source).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> call("GET", "/api/v1/alerts?source=" + source, accounts.viewer().token(), null)
                        .get("items"), until);
    }

    private static JsonNode find(JsonNode alerts, String instance) {
        for (var alert : alerts) {
            if (instance.equals(alert.get("labels").get("instance").asString())) {
                return alert;
            }
        }
        throw new AssertionError("no alert for " + instance + " in " + alerts);
    }

    private static String status(JsonNode alerts, String instance) {
        return find(alerts, instance).get("status").asString();
    }

    private JsonNode call(String method, String path, String token, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
        return json.readTree(response.body());
    }
}
