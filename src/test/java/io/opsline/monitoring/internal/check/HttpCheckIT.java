package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.ThresholdRange;
import io.opsline.testing.Peers;
import tools.jackson.databind.json.JsonMapper;

/** HTTP checks against the JDK's HTTP server on loopback, run by the test. */
class HttpCheckIT {

    private static final String HEALTH = "{\"status\":\"up\",\"checks\":[{\"state\":\"green\"}]}";
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static HttpServer server;
    private final HttpCheck check = new HttpCheck(JsonMapper.builder().build(), new HttpClients());

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        respond("/ok", 200, HEALTH);
        respond("/down", 503, "maintenance");
        respond("/missing", 404, "no such page");
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                // Answers only once the tests are done.
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/echo-header", exchange -> {
            var value = String.valueOf(exchange.getRequestHeaders().getFirst("X-Probe"));
            var bytes = value.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        server.stop(0);
    }

    private static void respond(String path, int status, String body) {
        server.createContext(path, exchange -> {
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static CheckSpec.Http spec(String path, List<Integer> expected, String regex, String jsonPath,
            String jsonExpected, boolean follow) {
        return new CheckSpec.Http(url(path), "GET", expected, regex == null ? null : Pattern.compile(regex), jsonPath,
                jsonExpected, Map.of(), follow, true, null, null);
    }

    private static CheckSpec.Http spec(String path) {
        return spec(path, List.of(), null, null, null, true);
    }

    @Test
    void aHealthyPageIsOkWithResponseTimeAndSize() {
        var result = check.run(spec("/ok"), Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.OK);
        assertThat(result.output()).matches("HTTP OK: HTTP/1\\.1 200 - " + HEALTH.length()
                + " bytes in \\d+\\.\\d{3} second response time");
        assertThat(result.perfData()).extracting(PerfDatum::label).containsExactly("time", "size");
        assertThat(result.perfData().get(1).value()).isEqualTo((double) HEALTH.length());
    }

    @Test
    void serverErrorsAreCriticalAndClientErrorsAWarningUnlessCodesAreGiven() {
        assertThat(check.run(spec("/down"), Duration.ofSeconds(5)).state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(check.run(spec("/missing"), Duration.ofSeconds(5)).state()).isEqualTo(ServiceState.WARNING);
        assertThat(check.run(spec("/missing", List.of(404), null, null, null, true), Duration.ofSeconds(5)).state())
                .isEqualTo(ServiceState.OK);
        var unexpected = check.run(spec("/ok", List.of(204), null, null, null, true), Duration.ofSeconds(5));
        assertThat(unexpected.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(unexpected.output()).contains("status 200, expected [204]");
    }

    @Test
    void followsRedirectsOnlyWhenToldTo() {
        var followed = check.run(spec("/moved", List.of(200), null, null, null, true), Duration.ofSeconds(5));
        assertThat(followed.state()).isEqualTo(ServiceState.OK);
        var stayed = check.run(spec("/moved", List.of(200), null, null, null, false), Duration.ofSeconds(5));
        assertThat(stayed.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(stayed.output()).contains("302");
        // Without expected codes a redirect not followed is still an answer.
        assertThat(check.run(spec("/moved", List.of(), null, null, null, false), Duration.ofSeconds(5)).state())
                .isEqualTo(ServiceState.OK);
    }

    @Test
    void holdsTheBodyToARegexOrAJsonValue() {
        assertThat(check.run(spec("/ok", List.of(), "\"status\":\"up\"", null, null, true), Duration.ofSeconds(5))
                .state()).isEqualTo(ServiceState.OK);
        var noMatch = check.run(spec("/ok", List.of(), "degraded", null, null, true), Duration.ofSeconds(5));
        assertThat(noMatch.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(noMatch.output()).contains("body does not match /degraded/");

        assertThat(check.run(spec("/ok", List.of(), null, "$.status", "up", true), Duration.ofSeconds(5)).state())
                .isEqualTo(ServiceState.OK);
        var red = check.run(spec("/ok", List.of(), null, "$.checks[0].state", "red", true), Duration.ofSeconds(5));
        assertThat(red.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(red.output()).contains("$.checks[0].state is 'green', expected 'red'");
        var missing = check.run(spec("/ok", List.of(), null, "$.uptime", null, true), Duration.ofSeconds(5));
        assertThat(missing.output()).contains("no value at $.uptime");
        var notJson = check.run(spec("/down", List.of(503), null, "$.status", "up", true), Duration.ofSeconds(5));
        assertThat(notJson.output()).contains("body is not JSON");
    }

    @Test
    void sendsTheCheckHeaders() {
        var spec = new CheckSpec.Http(url("/echo-header"), "GET", List.of(), Pattern.compile("^probe-42$"), null, null,
                Map.of("X-Probe", "probe-42"), true, true, null, null);
        assertThat(check.run(spec, Duration.ofSeconds(5)).state()).isEqualTo(ServiceState.OK);
    }

    @Test
    void aSlowAnswerTimesOutCriticalAndSlowResponsesCrossThresholds() {
        var slow = check.run(spec("/slow"), Duration.ofMillis(300));
        assertThat(slow.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(slow.output()).startsWith("HTTP CRITICAL - No response within 300 ms");
        assertThat(slow.duration()).isLessThan(Duration.ofSeconds(2));
        var warned = new CheckSpec.Http(url("/ok"), "GET", List.of(), null, null, null, Map.of(), true, true,
                ThresholdRange.parse("@0:60000"), null);
        assertThat(check.run(warned, Duration.ofSeconds(5)).state()).isEqualTo(ServiceState.WARNING);
    }

    @Test
    void verifiesTlsUnlessToldNotTo(@TempDir Path dir) throws Exception {
        var https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        https.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(dir, "https", 30,
                "ip:127.0.0.1")));
        https.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        https.start();
        try {
            var url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/");
            var verified = check.run(new CheckSpec.Http(url, "GET", List.of(), null, null, null, Map.of(), true, true,
                    null, null), Duration.ofSeconds(5));
            assertThat(verified.state()).isEqualTo(ServiceState.CRITICAL);
            assertThat(verified.output()).startsWith("HTTP CRITICAL - TLS handshake failed");
            var trusting = check.run(new CheckSpec.Http(url, "GET", List.of(), null, null, null, Map.of(), true, false,
                    null, null), Duration.ofSeconds(5));
            assertThat(trusting.state()).isEqualTo(ServiceState.OK);
        } finally {
            https.stop(0);
        }
    }

    @Test
    void aClosedPortIsCritical() throws IOException {
        int port = Peers.freeTcpPort();
        var spec = new CheckSpec.Http(URI.create("http://127.0.0.1:" + port + "/"), "GET", List.of(), null, null, null,
                Map.of(), true, true, null, null);
        var result = check.run(spec, Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(result.output()).isEqualTo("HTTP CRITICAL - Connection refused by 127.0.0.1:" + port);
    }
}
