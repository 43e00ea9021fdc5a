package io.opsline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * Real peer programs the tests talk to (monitoring-plugins, snmpd, sshd, …). A test whose peer is
 * missing is skipped on a developer's machine, with how to install it, and fails under CI
 * ({@code CI=true}), so a CI run can never pass by not running it.
 */
public final class Peers {

    private Peers() {
    }

    /** A loopback TCP port nothing listens on now: for a peer to listen on, or to find closed. */
    public static int freeTcpPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback UDP port nothing listens on now. */
    public static int freeUdpPort() {
        try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a peer started by a test answers, failing with {@code what} after ten seconds. */
    public static void awaitReady(String what, Callable<Boolean> answers) {
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(answers);
    }

    public static void assumePresent(boolean present, String peer, String debianPackage) {
        assumePresent(present, peer, debianPackage, System::getenv);
    }

    static void assumePresent(boolean present, String peer, String debianPackage,
            Function<String, String> environment) {
        if (present) {
            return;
        }
        var reason = peer + " is not installed; on Debian: apt-get install " + debianPackage;
        if ("true".equalsIgnoreCase(environment.apply("CI"))) {
            throw new IllegalStateException(reason + ". CI=true requires this test to run (.ci/run installs it)");
        }
        Assumptions.abort("Skipped: " + reason);
    }
}
