package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.testing.Peers;

/**
 * Certificate checks against TLS servers on loopback with certificates the test makes with the
 * JDK's keytool: one expiring in five days for 127.0.0.1, one for another name.
 */
class TlsCertificateCheckIT {

    @TempDir
    static Path dir;
    private static final List<ServerSocket> servers = new ArrayList<>();
    private static int soon;
    private static int otherName;

    private final TlsCertificateCheck check = new TlsCertificateCheck();

    @BeforeAll
    static void startServers() throws Exception {
        soon = serve(TestCertificates.serverContext(dir, "soon", 5, "dns:localhost,ip:127.0.0.1"));
        otherName = serve(TestCertificates.serverContext(dir, "other", 400, "dns:other.example"));
    }

    @AfterAll
    static void stopServers() throws IOException {
        for (var server : servers) {
            server.close();
        }
    }

    /** A TLS server that completes a handshake with every caller; answers its port. */
    private static int serve(SSLContext context) throws IOException {
        var server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        servers.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    var socket = (SSLSocket) server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            socket.startHandshake();
                            socket.getInputStream().read();
                        } catch (IOException e) {
                            // the check hung up
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    private static CheckSpec.TlsCertificate spec(int port, String serverName, int warn, int crit, boolean chain,
            boolean hostname) {
        return new CheckSpec.TlsCertificate(null, port, serverName, warn, crit, chain, hostname);
    }

    @Test
    void aCertificateExpiringWithinTheWarningDaysIsAWarning() {
        var result = check.run(spec(soon, null, 30, 3, false, true), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.WARNING);
        assertThat(result.output()).startsWith("TLS WARNING - certificate for 127.0.0.1 expires in 4 days (")
                .contains("issued by CN=soon test server");
        assertThat(result.perfData().getFirst().label()).isEqualTo("days");
        assertThat(result.perfData().getFirst().value()).isEqualTo(4.0);
    }

    @Test
    void withinTheCriticalDaysItIsCritical() {
        var result = check.run(spec(soon, null, 30, 7, false, true), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
    }

    @Test
    void aChainThatLeadsToNoTrustedRootIsCritical() {
        var result = check.run(spec(otherName, "other.example", 30, 7, true, true), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(result.output()).contains("chain not trusted");
    }

    @Test
    void aCertificateForAnotherNameIsCriticalUnlessTheNameIsNotChecked() {
        var mismatch = check.run(spec(otherName, "localhost", 30, 7, false, true), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(mismatch.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(mismatch.output()).contains("issued for other.example, not localhost");
        var unchecked = check.run(spec(otherName, "localhost", 30, 7, false, false), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(unchecked.state()).isEqualTo(ServiceState.OK);
        assertThat(unchecked.output()).contains("expires in 399 days");
        // SNI carries the name asked for; the certificate answers to it.
        assertThat(check.run(spec(otherName, "other.example", 30, 7, false, true), "127.0.0.1", Duration.ofSeconds(5))
                .state()).isEqualTo(ServiceState.OK);
    }

    @Test
    void aServerThatIsNotThereOrDoesNotSpeakTlsIsCritical() throws IOException {
        int closed = Peers.freeTcpPort();
        var refused = check.run(spec(closed, null, 30, 7, false, false), "127.0.0.1", Duration.ofSeconds(5));
        assertThat(refused.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(refused.output()).contains("Connection refused");
        try (var plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var socket = plain.accept()) {
                    socket.getOutputStream().write("220 plain text here\r\n".getBytes());
                } catch (IOException e) {
                    // closed
                }
            });
            var notTls = check.run(spec(plain.getLocalPort(), null, 30, 7, false, false), "127.0.0.1",
                    Duration.ofSeconds(5));
            assertThat(notTls.state()).isEqualTo(ServiceState.CRITICAL);
        }
    }
}
