package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.nagios.ThresholdRange;
import io.opsline.testing.Peers;

/** TCP checks against servers on loopback that the test runs itself. */
class TcpCheckIT {

    private final TcpCheck check = new TcpCheck();

    private static CheckSpec.Tcp spec(int port, String send, String expect, String warnMs, String critMs) {
        return new CheckSpec.Tcp(null, port, send, expect, warnMs == null ? null : ThresholdRange.parse(warnMs),
                critMs == null ? null : ThresholdRange.parse(critMs));
    }

    /** A server that hands every connection to {@code conversation}, until closed. */
    private static ServerSocket server(Consumer<java.net.Socket> conversation) throws IOException {
        var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    var socket = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            conversation.accept(socket);
                        } catch (IOException e) {
                            // the check hung up
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    @Test
    void aListeningPortIsOkWithItsResponseTimeInSeconds() throws IOException {
        try (var server = server(s -> { })) {
            var result = check.run(spec(server.getLocalPort(), null, null, "500", "1000"), "127.0.0.1",
                    Duration.ofSeconds(5));
            assertThat(result.state()).isEqualTo(ServiceState.OK);
            assertThat(result.output()).matches("TCP OK - \\d+\\.\\d{3} second response time on 127\\.0\\.0\\.1 port \\d+");
            var time = result.perfData().getFirst();
            assertThat(time.label()).isEqualTo("time");
            assertThat(time.unit()).isEqualTo("s");
            assertThat(time.warn().toString()).isEqualTo("0:0.5");
            assertThat(time.max()).isEqualTo(5.0);
        }
    }

    @Test
    void aClosedPortIsCriticalConnectionRefused() throws IOException {
        int port = Peers.freeTcpPort();
        var result = check.run(spec(port, null, null, null, null), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(result.output()).isEqualTo("TCP CRITICAL - Connection refused on 127.0.0.1 port " + port);
    }

    @Test
    void sendsAndFindsTheExpectedAnswer() throws IOException {
        try (var server = server(s -> {
            try {
                var request = new String(s.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
                s.getOutputStream().write((request.equals("PING\r\n") ? "+PONG\r\n" : "-ERR\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            var ok = check.run(spec(server.getLocalPort(), "PING\\r\\n", "+PONG", null, null), "127.0.0.1",
                    Duration.ofSeconds(5));
            assertThat(ok.state()).isEqualTo(ServiceState.OK);
            var wrong = check.run(spec(server.getLocalPort(), "PING\\r\\n", "+PANG", null, null), "127.0.0.1",
                    Duration.ofSeconds(5));
            assertThat(wrong.state()).isEqualTo(ServiceState.CRITICAL);
            assertThat(wrong.output()).contains("Unexpected response").contains("+PONG");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutCriticalWithinTheTimeout() throws IOException {
        var release = new CountDownLatch(1);
        try (var server = server(s -> {
            try {
                // Silent until the test is over.
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            var result = check.run(spec(server.getLocalPort(), null, "220", null, null), "127.0.0.1",
                    Duration.ofMillis(300));
            assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
            assertThat(result.output()).startsWith("TCP CRITICAL - Socket timeout after 300 ms");
            assertThat(result.duration()).isLessThan(Duration.ofSeconds(2));
        } finally {
            release.countDown();
        }
    }

    @Test
    void holdsTheResponseTimeToItsThresholds() throws IOException {
        try (var server = server(s -> { })) {
            // "@0:60000" alerts on any time up to a minute: every answer here crosses it.
            var warning = check.run(spec(server.getLocalPort(), null, null, "@0:60000", null), "127.0.0.1",
                    Duration.ofSeconds(5));
            assertThat(warning.state()).isEqualTo(ServiceState.WARNING);
            var critical = check.run(spec(server.getLocalPort(), null, null, "@0:60000", "@0:60000"), "127.0.0.1",
                    Duration.ofSeconds(5));
            assertThat(critical.state()).isEqualTo(ServiceState.CRITICAL);
        }
    }

    @Test
    void aHostNameThatDoesNotResolveIsUnknown() {
        var result = check.run(spec(22, null, null, null, null), "no-such-host.invalid", Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(result.output()).contains("cannot resolve host no-such-host.invalid");
    }
}
