package io.opsline.metrics.internal.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.opsline.metrics.Matcher;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.store.MetricStore;
import io.opsline.platform.FieldViolation;
import io.opsline.platform.InvalidInputException;
import io.opsline.testing.LoopbackHttp;
import io.opsline.testing.OpslineIntegrationTest;
import io.opsline.testing.Peers;

/**
 * Targets that want credentials and https: a real node exporter serving TLS with basic auth, reached
 * with its certificate as CA, with a wrong password, without trusting it, and without checking it;
 * and a server that wants a bearer token.
 */
@OpslineIntegrationTest
class ScrapeAccessIT {

    private static final Path NODE_EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final String USER = "opsline";
    private static final String PASSWORD = "sc/rape:pass word";

    @Autowired
    ScrapeTargets targets;
    @Autowired
    MetricStore store;

    @TempDir
    Path dir;

    private static String unique() {
        return "access-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ScrapeTarget create(String name, String url, String auth, String username, String password,
            String bearerToken, String caCertificate, boolean insecureSkipVerify) {
        return targets.create(new ScrapeTargetInput(null, name, url, "1s", null, Map.of(), List.of("node_load1"),
                List.of(), true, auth, username, password, bearerToken, caCertificate, insecureSkipVerify, null, null));
    }

    private List<SeriesData> select(String job, String metric) {
        var now = System.currentTimeMillis();
        return store.select(List.of(Matcher.equal("job", job), Matcher.equal("__name__", metric)), now - 600_000,
                now + 60_000);
    }

    private void awaitUp(String job, double up) {
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            var series = select(job, "up");
            assertThat(series).hasSize(1);
            assertThat(series.getFirst().values()[series.getFirst().count() - 1]).isEqualTo(up);
        });
    }

    /**
     * Why the target's last scrape failed, once it says. Its samples (up among them) are stored
     * before its health, so a test that saw up fall to 0 may still find the error unwritten.
     */
    private String lastError(ScrapeTarget target) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> targets.get(target.id()).health().lastError(), Objects::nonNull);
    }

    @Test
    void scrapesANodeExporterOverTlsWithBasicAuthAndSaysWhyWhenItCannot() throws Exception {
        Peers.assumePresent(Files.isExecutable(NODE_EXPORTER), "prometheus-node-exporter", "prometheus-node-exporter");
        Peers.assumePresent(Files.isExecutable(OPENSSL), "openssl", "openssl");
        var certificate = certificate("/CN=127.0.0.1", "IP:127.0.0.1");
        var port = Peers.freeTcpPort();
        var exporter = exporterOverTls(port, "basic_auth_users:\n  " + USER + ": "
                + new BCryptPasswordEncoder(4).encode(PASSWORD) + "\n");
        try {
            var url = "https://127.0.0.1:" + port + "/metrics";
            var trusted = unique();
            var wrongPassword = unique();
            var untrusted = unique();
            var unchecked = unique();
            create(trusted, url, "basic", USER, PASSWORD, null, certificate, false);
            var refused = create(wrongPassword, url, "basic", USER, "not it", null, certificate, false);
            var unknownIssuer = create(untrusted, url, "basic", USER, PASSWORD, null, null, false);
            create(unchecked, url, "basic", USER, PASSWORD, null, null, true);

            awaitUp(trusted, 1);
            assertThat(select(trusted, "node_load1")).hasSize(1);
            awaitUp(unchecked, 1);
            assertThat(select(unchecked, "node_load1")).hasSize(1);

            awaitUp(wrongPassword, 0);
            assertThat(lastError(refused)).isEqualTo("server returned HTTP status 401");
            awaitUp(untrusted, 0);
            assertThat(lastError(unknownIssuer)).containsIgnoringCase("certification path");
            assertThat(select(untrusted, "node_load1")).isEmpty();
        } finally {
            exporter.destroy();
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWhenItsIssuerIsTrusted() throws Exception {
        Peers.assumePresent(Files.isExecutable(NODE_EXPORTER), "prometheus-node-exporter", "prometheus-node-exporter");
        Peers.assumePresent(Files.isExecutable(OPENSSL), "openssl", "openssl");
        var certificate = certificate("/CN=elsewhere.example", "DNS:elsewhere.example");
        var port = Peers.freeTcpPort();
        var exporter = exporterOverTls(port, "");
        try {
            var name = unique();
            var target = create(name, "https://127.0.0.1:" + port + "/metrics", null, null, null, null, certificate,
                    false);
            awaitUp(name, 0);
            assertThat(lastError(target)).contains("127.0.0.1");
        } finally {
            exporter.destroy();
        }
    }

    @Test
    void showsItsClientCertificateToANodeExporterThatRequiresOne() throws Exception {
        Peers.assumePresent(Files.isExecutable(NODE_EXPORTER), "prometheus-node-exporter", "prometheus-node-exporter");
        Peers.assumePresent(Files.isExecutable(OPENSSL), "openssl", "openssl");
        var serverCertificate = certificate("/CN=127.0.0.1", "IP:127.0.0.1");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("client-ca.key"), "-out",
                path("client-ca.pem"), "-days", "2", "-subj", "/CN=opsline test client CA");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("client.key"),
                "-out", path("client.csr"), "-subj", "/CN=opsline");
        openssl("x509", "-req", "-in", path("client.csr"), "-CA", path("client-ca.pem"), "-CAkey", path("client-ca.key"),
                "-CAcreateserial", "-out", path("client.pem"), "-days", "2");
        var port = Peers.freeTcpPort();
        var exporter = exporterOverTls(port, "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: "
                + path("client-ca.pem") + "\n");
        try {
            var url = "https://127.0.0.1:" + port + "/metrics";
            var shown = unique();
            var notShown = unique();
            targets.create(new ScrapeTargetInput(null, shown, url, "1s", null, Map.of(), List.of("node_load1"), List.of(),
                    true, null, null, null, null, serverCertificate, false, Files.readString(dir.resolve("client.pem")),
                    Files.readString(dir.resolve("client.key"))));
            var refused = create(notShown, url, null, null, null, null, serverCertificate, false);
            assertThatThrownBy(() -> targets.create(new ScrapeTargetInput(null, unique(), url, "1s", null, Map.of(),
                    List.of(), List.of(), true, null, null, null, null, serverCertificate, false,
                    Files.readString(dir.resolve("client.pem")), Files.readString(dir.resolve("client-ca.key")))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                            .extracting(FieldViolation::field, FieldViolation::message)
                            .containsExactly(tuple("clientKey", "is not the key of the client certificate")));
            awaitUp(shown, 1);
            assertThat(select(shown, "node_load1")).hasSize(1);
            awaitUp(notShown, 0);
            assertThat(lastError(refused)).startsWith("scraping " + url + " failed");
        } finally {
            exporter.destroy();
        }
    }

    @Test
    void sendsTheBearerTokenItWasGivenAndNotAlongARedirect() {
        var server = LoopbackHttp.serve(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().set("Location", "/metrics");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            var authorized = "Bearer t0ken-for-opsline".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            var bytes = (authorized ? "node_load1 0.5\n" : "unauthorized\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            try {
                exchange.sendResponseHeaders(authorized ? 200 : 401, bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (IOException e) {
                // the scraper gave up; nothing to answer
            } finally {
                exchange.close();
            }
        });
        try {
            var url = "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
            var right = unique();
            var wrong = unique();
            create(right, url, "bearer", null, null, "t0ken-for-opsline", null, false);
            var refused = create(wrong, url, "bearer", null, null, "another", null, false);
            var movedName = unique();
            var moved = create(movedName, url.replace("/metrics", "/moved"), "bearer", null, null, "t0ken-for-opsline",
                    null, false);
            awaitUp(right, 1);
            assertThat(select(right, "node_load1")).hasSize(1);
            awaitUp(wrong, 0);
            assertThat(lastError(refused)).isEqualTo("server returned HTTP status 401");
            // The JDK's client would take the token along to wherever a redirect points.
            awaitUp(movedName, 0);
            assertThat(lastError(moved)).startsWith("server redirected to /metrics with HTTP status 302");
        } finally {
            server.stop(0);
        }
    }

    /** A node exporter on 127.0.0.1 serving TLS with cert.pem and key.pem, and the further web settings given. */
    private Process exporterOverTls(int port, String moreWebConfig) throws IOException {
        var config = dir.resolve("web.yml");
        Files.writeString(config, "tls_server_config:\n  cert_file: " + dir.resolve("cert.pem") + "\n  key_file: "
                + dir.resolve("key.pem") + "\n" + moreWebConfig);
        return new ProcessBuilder(NODE_EXPORTER.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--web.config.file=" + config).redirectErrorStream(true)
                .redirectOutput(dir.resolve("exporter.log").toFile()).start();
    }

    /** A self-signed certificate, as cert.pem and key.pem in the test's directory; its PEM text. */
    private String certificate(String subject, String alternativeName) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("key.pem"), "-out", path("cert.pem"),
                "-days", "2", "-subj", subject, "-addext", "subjectAltName=" + alternativeName);
        return Files.readString(dir.resolve("cert.pem"));
    }

    private String path(String file) {
        return dir.resolve(file).toString();
    }

    private void openssl(String... arguments) throws Exception {
        var command = new ArrayList<String>(List.of(OPENSSL.toString()));
        command.addAll(List.of(arguments));
        var openssl = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
    }
}
