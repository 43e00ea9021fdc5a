package io.opsline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Opsline as an operator runs it: the jar {@code mvn package} built, started as a JVM of its own on
 * a loopback port, for tests that need several nodes or a node to kill. Its console output is kept
 * in a file of its own.
 */
public final class OpslineProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern NOTIFY_NODE = Pattern.compile("Notification delivery started as node (\\S+)");

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OpslineProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The runnable jar under {@code target/}; failsafe runs after the package phase built it. */
    public static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("opsline-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No opsline-*.jar under target/: the integration"
                            + " tests run after the package phase (mvn verify) builds it"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list target/", e);
        }
    }

    /**
     * Starts a node in {@code directory} (its data directory, also holding its console log) and
     * returns at once; {@link #awaitReady} waits for it. The JVM is the child process itself, not a
     * shell, so {@link #kill} kills Opsline.
     *
     * @param environment variables as the README names them (OPSLINE_DB_URL, ...), besides
     *        OPSLINE_DATA_DIR and OPSLINE_PORT, which this sets
     * @param properties finer settings, given as {@code -Dname=value}
     */
    public static OpslineProcess start(String name, Path directory, Map<String, String> environment,
            Map<String, String> properties) {
        var port = Peers.freeTcpPort();
        // The JVM running the tests: the build's toolchain JDK, new enough for everything the jar does.
        var java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests"));
        var command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar().toAbsolutePath().toString()));
        try {
            Files.createDirectories(directory);
            var log = directory.resolve("console.log");
            var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("OPSLINE_DATA_DIR", directory.toAbsolutePath().toString());
            builder.environment().put("OPSLINE_PORT", Integer.toString(port));
            builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
            return new OpslineProcess(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Opsline node " + name, e);
        }
    }

    /** Waits until the node reports healthy; fails with the end of its log if it exits or takes too long. */
    public void awaitReady() {
        try {
            Awaitility.await(name + " healthy").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited during start-up (code " + process.exitValue()
                                    + "); the end of its log:\n" + logTail(60));
                        }
                        return healthy();
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not report healthy within " + START_TIMEOUT
                    + "; the end of its log:\n" + logTail(60), e);
        }
    }

    private boolean healthy() {
        try {
            var answer = http.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 && answer.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The name this node's notification sender records as lease owner and in its log of tries. */
    public String notificationNode() {
        return logLines().stream().map(NOTIFY_NODE::matcher).filter(m -> m.find()).map(m -> m.group(1)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " has not logged its notification node name"));
    }

    /** SIGKILL, as {@code kill -9}: nothing in the JVM runs after it. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still runs 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String logTail(int lines) {
        var all = logLines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    /** What a test prints about this node when it fails. */
    public String describe() {
        return "%s (pid %d, %s, log %s)".formatted(name, process.pid(), process.isAlive() ? "running" : "gone",
                log.toAbsolutePath());
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
