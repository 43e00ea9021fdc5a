package io.opsline.monitoring.internal.check;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.security.SecurityUtils;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.Wording;

/**
 * Runs a command over SSH (Apache MINA SSHD) and judges its exit code and, optionally, its output.
 * The server's host key is compared with the check's pinned SHA-256 fingerprint when it has one;
 * without one, the fingerprint seen is reported so it can be pinned. One client serves all
 * checks; each run has its own session.
 */
public final class SshCheck implements AutoCloseable {

    private static final AttributeKey<String> PINNED = new AttributeKey<>();
    private static final AttributeKey<String> SEEN = new AttributeKey<>();
    /** How much of a command's output is kept. */
    private static final int MAX_OUTPUT = 64 * 1024;

    /** Started by the first SSH check, not at start-up: it holds a pool of I/O threads. */
    private SshClient client;

    private synchronized SshClient client() {
        if (client == null) {
            client = startClient();
        }
        return client;
    }

    private static SshClient startClient() {
        var client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, remote, key) -> {
            var seen = fingerprint(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key));
            session.setAttribute(SEEN, seen);
            // What the check pinned travels in the connection's context, not among the session's attributes.
            var context = session.getConnectionContext();
            var pinned = context == null ? null : context.getAttribute(PINNED);
            return pinned == null || fingerprint(pinned).equals(seen);
        });
        client.start();
        return client;
    }

    public CheckResult run(CheckSpec.Ssh spec, String host, Duration timeout) {
        var startedAt = Instant.now();
        var started = System.nanoTime();
        var deadline = started + timeout.toNanos();
        var where = spec.user() + "@" + host + ":" + spec.port();
        var context = spec.hostKey() == null ? AttributeRepository.ofAttributesMap(Map.of())
                : AttributeRepository.ofKeyValuePair(PINNED, spec.hostKey());
        try (var session = client().connect(spec.user(), host, spec.port(), context, null).verify(left(deadline))
                .getSession()) {
            if (spec.password() != null) {
                session.addPasswordIdentity(spec.password());
            } else {
                for (var key : SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("check key"),
                        new ByteArrayInputStream(spec.privateKey().getBytes(StandardCharsets.UTF_8)), null)) {
                    session.addPublicKeyIdentity(key);
                }
            }
            try {
                session.auth().verify(left(deadline));
            } catch (IOException e) {
                var seen = session.getAttribute(SEEN);
                if (spec.hostKey() != null && seen != null && !fingerprint(spec.hostKey()).equals(seen)) {
                    return CheckResult.endingNow(ServiceState.CRITICAL, ("SSH CRITICAL - %s presented host key %s, not "
                            + "the pinned %s").formatted(where, seen, spec.hostKey()), List.of(), startedAt, started);
                }
                return CheckResult.endingNow(ServiceState.CRITICAL, "SSH CRITICAL - authentication failed for " + where,
                        List.of(), startedAt, started);
            }
            var output = new BoundedOutput(MAX_OUTPUT);
            try (var channel = session.createExecChannel(spec.command())) {
                channel.setOut(output);
                channel.setErr(output);
                channel.open().verify(left(deadline));
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), left(deadline));
                var exit = channel.getExitStatus();
                if (exit == null) {
                    return CheckResult.endingNow(ServiceState.CRITICAL, "SSH CRITICAL - '%s' did not finish within %s"
                            .formatted(spec.command(), Wording.duration(timeout)), List.of(), startedAt, started);
                }
                return judge(spec, exit, output.text(), session.getAttribute(SEEN), startedAt, started);
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return CheckResult.endingNow(ServiceState.CRITICAL, "SSH CRITICAL - %s: %s".formatted(where, e.getMessage()),
                    List.of(), startedAt, started);
        }
    }

    private static CheckResult judge(CheckSpec.Ssh spec, int exit, String output, String seenKey, Instant startedAt,
            long started) {
        var firstLine = output.strip().lines().findFirst().orElse("(no output)");
        var rest = output.strip().lines().skip(1).reduce((a, b) -> a + "\n" + b).orElse("");
        var problems = new ArrayList<String>();
        if (exit != spec.expectedExitCode()) {
            problems.add("exit code %d, expected %d".formatted(exit, spec.expectedExitCode()));
        }
        if (spec.outputRegex() != null && !spec.outputRegex().matcher(output).find()) {
            problems.add("output does not match /" + spec.outputRegex().pattern() + "/");
        }
        var state = problems.isEmpty() ? ServiceState.OK : ServiceState.CRITICAL;
        var summary = "SSH %s - %s%s".formatted(state.name(), firstLine,
                problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")");
        if (spec.hostKey() == null && seenKey != null) {
            rest = (rest + "\nhost key " + seenKey + " is not pinned (set hostKey to pin it)").strip();
        }
        return new CheckResult(state, summary, rest, List.of(), startedAt, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Fingerprints compare as ssh-keygen prints them: SHA256:base64 without padding. */
    private static String fingerprint(String text) {
        var value = text.strip();
        while (value.endsWith("=")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }

    private static Duration left(long deadline) throws IOException {
        var nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new IOException("timed out");
        }
        return Duration.ofNanos(nanos);
    }

    @Override
    public synchronized void close() throws IOException {
        if (client != null) {
            client.stop();
        }
    }

    /** Keeps at most {@code limit} bytes of what a command prints. */
    private static final class BoundedOutput extends OutputStream {

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final int limit;

        BoundedOutput(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (kept.size() < limit) {
                kept.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            kept.write(bytes, offset, Math.max(0, Math.min(length, limit - kept.size())));
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
