package io.opsline.monitoring.internal.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.opsline.monitoring.ServiceState;
import io.opsline.testing.Peers;

/**
 * Runs real plugins from Debian's monitoring-plugins and small scripts of the test's own, once
 * for each way of starting processes ({@link PluginRunnerPosixSpawnIT}, {@link PluginRunnerJdkIT}).
 */
abstract class PluginRunnerIT {

    private static final Path DEBIAN_PLUGINS = Path.of("/usr/lib/nagios/plugins");

    @TempDir
    Path own;
    PluginRunner runner;

    /** How this run starts plugin processes. */
    abstract PluginProcesses processes();

    @BeforeEach
    void runner() {
        runner = new PluginRunner(List.of(DEBIAN_PLUGINS, own), 4096, ServiceState.UNKNOWN, processes());
    }

    private static void needMonitoringPlugins() {
        Peers.assumePresent(Files.isExecutable(DEBIAN_PLUGINS.resolve("check_tcp")), "monitoring-plugins",
                "monitoring-plugins-basic");
    }

    private Path script(String name, String body) throws IOException {
        var file = own.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void checkTcpAgainstAListeningPortIsOkWithItsResponseTime() throws IOException {
        needMonitoringPlugins();
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var out = runner.run(runner.resolve("check_tcp"),
                    List.of("-H", "127.0.0.1", "-p", String.valueOf(server.getLocalPort()), "-w", "5", "-c", "10"),
                    Duration.ofSeconds(10));
            assertThat(out.state()).isEqualTo(ServiceState.OK);
            assertThat(out.text()).startsWith("TCP OK");
            assertThat(out.perfData()).singleElement().satisfies(time -> {
                assertThat(time.label()).isEqualTo("time");
                assertThat(time.unit()).isEqualTo("s");
                assertThat(time.value()).isBetween(0.0, 5.0);
                assertThat(time.warn().alerts(6)).isTrue();
            });
            assertThat(out.problems()).isEmpty();
        }
    }

    @Test
    void checkTcpAgainstAClosedPortIsCritical() throws IOException {
        needMonitoringPlugins();
        int port;
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        var out = runner.run(runner.resolve("check_tcp"), List.of("-H", "127.0.0.1", "-p", String.valueOf(port)),
                Duration.ofSeconds(10));
        assertThat(out.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(out.text()).containsIgnoringCase("refused");
    }

    @Test
    void checkDummyReportsEveryState() {
        needMonitoringPlugins();
        for (var state : ServiceState.values()) {
            var out = runner.run(runner.resolve("check_dummy"), List.of(String.valueOf(state.exitCode()), "said so"),
                    Duration.ofSeconds(10));
            assertThat(out.state()).isEqualTo(state);
            assertThat(out.text()).endsWith("said so");
        }
    }

    @Test
    void aPluginThatHangsIsKilledWithEveryProcessItStartedAndTheCheckIsUnknown() throws Exception {
        var pids = own.resolve("pids");
        // A shell that starts a child and a grandchild that would outlive it, then waits.
        var plugin = script("check_hang", "sleep 300 & echo $! >> " + pids + "\n"
                + "sh -c 'sleep 300 & echo $! >> " + pids + "; wait' &\necho $$ >> " + pids + "\nwait");
        var started = System.nanoTime();
        var out = runner.run(plugin, List.of(), Duration.ofMillis(500));
        var took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(out.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(out.text()).isEqualTo("Plugin timed out after 500 ms");
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        var startedPids = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(startedPids).hasSize(3);
        // The run kills every process it started before it answers; a killed process takes a moment to die.
        for (var pid : startedPids) {
            await("process " + pid + " to end").atMost(Duration.ofSeconds(2)).until(() -> !isRunning(pid));
        }
    }

    /** Running, as opposed to gone or a zombie: a killed orphan waits for init to reap it. */
    private static boolean isRunning(long pid) {
        var stat = stat(pid);
        if (stat.equals("gone")) {
            return false;
        }
        var state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
        return state != 'Z' && state != 'X';
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            return "gone";
        }
    }

    @Test
    void theTimeoutStateIsConfigurable() throws IOException {
        var critical = new PluginRunner(List.of(own), 4096, ServiceState.CRITICAL, processes());
        var out = critical.run(script("check_slow", "sleep 5"), List.of(), Duration.ofMillis(200));
        assertThat(out.state()).isEqualTo(ServiceState.CRITICAL);
    }

    @Test
    void aChildLeftHoldingTheOutputDoesNotHoldTheCheckUp() throws IOException {
        var plugin = script("check_leaves_child", "sleep 300 &\necho 'OK - done|x=1'\nexit 0");
        var started = System.nanoTime();
        var out = runner.run(plugin, List.of(), Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(out.state()).isEqualTo(ServiceState.OK);
        assertThat(out.text()).isEqualTo("OK - done");
    }

    @Test
    void outputBeyondTheLimitIsCutOffAndSaidSo() throws IOException {
        var plugin = script("check_chatty", "echo 'OK - chatty'\nhead -c 100000 /dev/zero | tr '\\\\0' 'x'\nexit 0");
        var out = runner.run(plugin, List.of(), Duration.ofSeconds(10));
        assertThat(out.state()).isEqualTo(ServiceState.OK);
        assertThat(out.longText().length()).isLessThan(4096);
        assertThat(out.problems()).contains("output cut off after 4096 bytes");
    }

    @Test
    void argumentsReachThePluginAsTheyAreWithNoShellInBetween() throws IOException {
        var plugin = script("check_args", "printf 'OK - [%s] [%s]\\n' \"$1\" \"$2\"");
        var out = runner.run(plugin, List.of("a b; echo injected", "$(id)"), Duration.ofSeconds(10));
        assertThat(out.text()).isEqualTo("OK - [a b; echo injected] [$(id)]");
    }

    @Test
    void aPluginThatCannotStartIsUnknownWithTheReason() throws IOException {
        var broken = own.resolve("check_broken");
        Files.writeString(broken, "#!/nonexistent/interpreter\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
        var out = runner.run(broken, List.of(), Duration.ofSeconds(10));
        assertThat(out.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(out.problems()).isNotEmpty();
    }

    @Test
    void aPluginEndedByASignalIsUnknownWithTheSignalsExitCode() throws IOException {
        var out = runner.run(script("check_killed", "echo 'OK - about to go'\nkill -TERM $$"), List.of(),
                Duration.ofSeconds(10));
        assertThat(out.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(out.problems()).contains("exit code 143 is not a plugin state (0–3)");
    }

    @Test
    void aPluginGetsNoDescriptorButItsStandardOnes() {
        // ls lists the descriptors it has: the three standard ones and the one it reads the list through.
        var out = runner.run(Path.of("/bin/ls"), List.of("/proc/self/fd"), Duration.ofSeconds(10));
        assertThat(out.text()).isEqualTo("0");
        assertThat(out.longText().lines()).containsExactly("1", "2", "3");
    }

    @Test
    void aStoppedCheckKillsItsPlugin() throws Exception {
        var pid = own.resolve("pid");
        var plugin = script("check_forever", "echo $$ > " + pid + ".tmp\nmv " + pid + ".tmp " + pid + "\nexec sleep 300");
        var result = new java.util.concurrent.atomic.AtomicReference<PluginOutput>();
        var thread = Thread.ofVirtual().start(() -> result.set(runner.run(plugin, List.of(), Duration.ofMinutes(5))));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pid));
        thread.interrupt();
        assertThat(thread.join(Duration.ofSeconds(5))).isTrue();
        assertThat(result.get().text()).isEqualTo("the check was stopped");
        var started = Long.parseLong(Files.readString(pid).strip());
        await("process " + started + " to end").atMost(Duration.ofSeconds(5)).until(() -> !isRunning(started));
    }

    @Test
    void manyPluginsAtOnceEachGetTheirOwnOutput() throws Exception {
        var plugin = script("check_echo", "echo \"OK - $1|n=$1\"");
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var runs = java.util.stream.IntStream.range(0, 400)
                    .mapToObj(i -> threads.submit(() -> runner.run(plugin, List.of(String.valueOf(i)), Duration.ofSeconds(30))))
                    .toList();
            for (int i = 0; i < runs.size(); i++) {
                var out = runs.get(i).get();
                double expected = i;
                assertThat(out.text()).isEqualTo("OK - " + i);
                assertThat(out.perfData()).singleElement().satisfies(n -> assertThat(n.value()).isEqualTo(expected));
            }
        }
    }

    @Test
    void refusesPluginsOutsideThePluginDirectories(@TempDir Path elsewhere) throws IOException {
        var outside = elsewhere.resolve("check_evil");
        Files.writeString(outside, "#!/bin/sh\n");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> runner.resolve(outside.toString())).isInstanceOf(PluginPathException.class)
                .hasMessageContaining("outside the plugin directories");
        assertThatThrownBy(() -> runner.resolve(own + "/../" + elsewhere.getFileName() + "/check_evil"))
                .isInstanceOf(PluginPathException.class);
        // A link inside a plugin directory that leads out of it is refused too.
        Files.createSymbolicLink(own.resolve("check_link"), outside);
        assertThatThrownBy(() -> runner.resolve("check_link")).isInstanceOf(PluginPathException.class)
                .hasMessageContaining("outside the plugin directories");
        assertThatThrownBy(() -> runner.resolve("/bin/sh")).isInstanceOf(PluginPathException.class);
        assertThatThrownBy(() -> runner.resolve("check_missing")).isInstanceOf(PluginPathException.class)
                .hasMessageContaining("no plugin 'check_missing'");
    }

    @Test
    void refusesAFileThatIsNotExecutable() throws IOException {
        var file = own.resolve("check_plain");
        Files.writeString(file, "#!/bin/sh\n");
        assertThatThrownBy(() -> runner.resolve("check_plain")).isInstanceOf(PluginPathException.class)
                .hasMessageContaining("not an executable file");
    }
}
