package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.DnsRecordType;
import io.opsline.monitoring.internal.nagios.ThresholdRange;
import io.opsline.testing.Peers;

/** DNS checks against a real dnsmasq that the test starts on loopback with records of its own. */
class DnsCheckIT {

    private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");
    private static Process dnsmasq;
    private static String server;

    private final DnsCheck check = new DnsCheck();

    @BeforeAll
    static void startDnsmasq() throws Exception {
        Peers.assumePresent(Files.isExecutable(DNSMASQ), "dnsmasq", "dnsmasq-base");
        var log = Files.createTempFile("dnsmasq", ".log");
        // dnsmasq listens on TCP too: a port free for UDP may be taken for TCP, and dnsmasq then exits
        // at once. Another port is tried then.
        for (int attempt = 1; dnsmasq == null; attempt++) {
            int port = Peers.freeUdpPort();
            var started = new ProcessBuilder(DNSMASQ.toString(), "--no-daemon", "--port=" + port,
                    "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", "--pid-file=",
                    "--host-record=web.test.opsline,10.0.0.7", "--host-record=db.test.opsline,10.0.0.8",
                    "--host-record=db.test.opsline,10.0.0.9", "--txt-record=txt.test.opsline,v=spf1 -all",
                    "--mx-host=test.opsline,mail.test.opsline,10", "--local=/test.opsline/")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!started.waitFor(500, TimeUnit.MILLISECONDS)) {
                dnsmasq = started;
                server = "127.0.0.1:" + port;
            } else if (attempt == 5) {
                throw new IllegalStateException("dnsmasq did not start: " + Files.readString(log));
            }
        }
        Files.delete(log);
        Peers.awaitReady("dnsmasq answering on " + server, () -> new DnsCheck().run(spec("web.test.opsline",
                DnsRecordType.A, List.of()), Duration.ofMillis(200)).state() == ServiceState.OK);
    }

    @AfterAll
    static void stopDnsmasq() {
        if (dnsmasq != null) {
            dnsmasq.destroyForcibly();
        }
    }

    private static CheckSpec.Dns spec(String name, DnsRecordType type, List<String> expected) {
        return new CheckSpec.Dns(name, type, server, expected, null, null);
    }

    @Test
    void anExistingRecordIsOkWithItsAnswer() {
        var result = check.run(spec("web.test.opsline", DnsRecordType.A, List.of("10.0.0.7")), Duration.ofSeconds(2));
        assertThat(result.state()).isEqualTo(ServiceState.OK);
        assertThat(result.output()).matches("DNS OK - \\d+\\.\\d{3} seconds response time, web\\.test\\.opsline A is 10\\.0\\.0\\.7");
        assertThat(result.perfData().getFirst().label()).isEqualTo("time");
    }

    @Test
    void everyExpectedValueMustBeAmongTheAnswers() {
        assertThat(check.run(spec("db.test.opsline", DnsRecordType.A, List.of("10.0.0.9", "10.0.0.8")),
                Duration.ofSeconds(2)).state()).isEqualTo(ServiceState.OK);
        var moved = check.run(spec("web.test.opsline", DnsRecordType.A, List.of("10.0.0.99")), Duration.ofSeconds(2));
        assertThat(moved.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(moved.output()).isEqualTo("DNS CRITICAL - web.test.opsline A is 10.0.0.7, expected 10.0.0.99");
    }

    @Test
    void readsMxAndTxtRecordsWithoutTheirQuotesOrFinalDot() {
        assertThat(check.run(spec("test.opsline", DnsRecordType.MX, List.of("10 mail.test.opsline")),
                Duration.ofSeconds(2)).state()).isEqualTo(ServiceState.OK);
        assertThat(check.run(spec("txt.test.opsline", DnsRecordType.TXT, List.of("v=spf1 -all")),
                Duration.ofSeconds(2)).state()).isEqualTo(ServiceState.OK);
    }

    @Test
    void aNameThatDoesNotExistOrHasNoSuchRecordIsCritical() {
        var missing = check.run(spec("nothing.test.opsline", DnsRecordType.A, List.of()), Duration.ofSeconds(2));
        assertThat(missing.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(missing.output()).isEqualTo("DNS CRITICAL - nothing.test.opsline does not exist");
        var noMx = check.run(spec("web.test.opsline", DnsRecordType.MX, List.of()), Duration.ofSeconds(2));
        assertThat(noMx.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(noMx.output()).isEqualTo("DNS CRITICAL - no MX record for web.test.opsline");
    }

    @Test
    void aServerThatDoesNotAnswerIsCriticalWithinTheTimeout() throws Exception {
        int silent;
        try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = socket.getLocalPort();
            // Bound but never read: queries go unanswered.
            var spec = new CheckSpec.Dns("web.test.opsline", DnsRecordType.A, "127.0.0.1:" + silent, List.of(), null,
                    null);
            var result = check.run(spec, Duration.ofMillis(300));
            assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
            assertThat(result.output()).isEqualTo("DNS CRITICAL - no answer within 300 ms from 127.0.0.1:" + silent);
            assertThat(result.duration()).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void holdsTheResponseTimeToItsThresholds() {
        var spec = new CheckSpec.Dns("web.test.opsline", DnsRecordType.A, server, List.of(), ThresholdRange.parse("@0:60000"),
                null);
        assertThat(check.run(spec, Duration.ofSeconds(2)).state()).isEqualTo(ServiceState.WARNING);
    }
}
