package io.opsline.monitoring.internal.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.testing.Peers;

/** SSH command checks against a real OpenSSH sshd that the test starts on loopback, logging in as the test's user. */
class SshCheckIT {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final String USER = System.getProperty("user.name");

    @TempDir
    static Path dir;
    private static Process sshd;
    private static int port;
    private static String userKey;
    private static String edKey;
    private static String otherKey;
    private static String hostFingerprint;
    private static SshCheck check;

    @BeforeAll
    static void startSshd() throws Exception {
        Peers.assumePresent(Files.isExecutable(SSHD), "OpenSSH server", "openssh-server");
        keygen("ecdsa", "hostkey");
        keygen("ecdsa", "userkey");
        keygen("ed25519", "edkey");
        keygen("ecdsa", "otherkey");
        Files.writeString(dir.resolve("authorized_keys"), Files.readString(dir.resolve("userkey.pub"))
                + Files.readString(dir.resolve("edkey.pub")));
        userKey = Files.readString(dir.resolve("userkey"));
        edKey = Files.readString(dir.resolve("edkey"));
        otherKey = Files.readString(dir.resolve("otherkey"));
        hostFingerprint = run("ssh-keygen", "-lf", dir.resolve("hostkey.pub").toString()).split(" ")[1];
        port = Peers.freeTcpPort();
        var config = dir.resolve("sshd_config");
        Files.writeString(config, """
                ListenAddress 127.0.0.1
                Port %d
                HostKey %s
                AuthorizedKeysFile %s
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                StrictModes no
                UsePAM no
                PidFile none
                """.formatted(port, dir.resolve("hostkey"), dir.resolve("authorized_keys")));
        if ("root".equals(USER)) {
            // sshd started by root wants its privilege separation directory, as the Debian service makes it.
            Files.createDirectories(Path.of("/run/sshd"));
        }
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile()).start();
        Peers.awaitReady("sshd listening on port " + port, () -> {
            try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            }
        });
        check = new SshCheck();
    }

    @AfterAll
    static void stopSshd() throws IOException {
        if (check != null) {
            check.close();
        }
        if (sshd != null) {
            sshd.destroyForcibly();
        }
    }

    private static void keygen(String type, String name) throws Exception {
        run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", dir.resolve(name).toString());
    }

    private static String run(String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static CheckSpec.Ssh spec(String command, int expectedExit, String regex, String hostKey, String key) {
        return new CheckSpec.Ssh(null, port, USER, null, key, hostKey, command, expectedExit,
                regex == null ? null : Pattern.compile(regex));
    }

    @Test
    void aCommandThatExitsAsExpectedIsOkWithItsFirstLine() {
        var result = check.run(spec("echo hello; echo more", 0, null, null, userKey), "127.0.0.1", Duration.ofSeconds(10));
        assertThat(result.state()).as(result.output()).isEqualTo(ServiceState.OK);
        assertThat(result.output()).isEqualTo("SSH OK - hello");
        assertThat(result.longOutput()).startsWith("more").contains("host key " + hostFingerprint + " is not pinned");
    }

    @Test
    void logsInWithAnEd25519KeyToo() {
        var result = check.run(spec("echo ed", 0, null, hostFingerprint, edKey), "127.0.0.1", Duration.ofSeconds(10));
        assertThat(result.state()).as(result.output()).isEqualTo(ServiceState.OK);
    }

    @Test
    void anotherExitCodeOrOutputIsCritical() {
        var exit = check.run(spec("echo degraded; exit 3", 0, null, null, userKey), "127.0.0.1", Duration.ofSeconds(10));
        assertThat(exit.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(exit.output()).isEqualTo("SSH CRITICAL - degraded (exit code 3, expected 0)");
        assertThat(check.run(spec("exit 3", 3, null, null, userKey), "127.0.0.1", Duration.ofSeconds(10)).state())
                .isEqualTo(ServiceState.OK);
        var output = check.run(spec("echo 'load 9.5'", 0, "^load [0-4]\\.", null, userKey), "127.0.0.1",
                Duration.ofSeconds(10));
        assertThat(output.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(output.output()).contains("output does not match");
    }

    @Test
    void aPinnedHostKeyMustBeTheOneTheServerPresents() {
        assertThat(check.run(spec("true", 0, null, hostFingerprint, userKey), "127.0.0.1", Duration.ofSeconds(10))
                .state()).isEqualTo(ServiceState.OK);
        var wrong = check.run(spec("true", 0, null, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", userKey),
                "127.0.0.1", Duration.ofSeconds(10));
        assertThat(wrong.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(wrong.output()).contains("presented host key " + hostFingerprint);
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailure() {
        var result = check.run(spec("true", 0, null, null, otherKey), "127.0.0.1", Duration.ofSeconds(10));
        assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(result.output()).isEqualTo("SSH CRITICAL - authentication failed for " + USER + "@127.0.0.1:" + port);
    }

    @Test
    void aCommandThatOutlivesTheTimeoutIsCritical() {
        var result = check.run(spec("sleep 30", 0, null, null, userKey), "127.0.0.1", Duration.ofSeconds(2));
        assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aServerThatIsNotThereIsCritical() throws IOException {
        int closed = Peers.freeTcpPort();
        var spec = new CheckSpec.Ssh(null, closed, USER, null, userKey, null, "true", 0, null);
        var result = check.run(spec, "127.0.0.1", Duration.ofSeconds(5));
        assertThat(result.state()).isEqualTo(ServiceState.CRITICAL);
    }
}
