package io.opsline.monitoring.internal.nagios;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.Wording;

/**
 * Runs Nagios-compatible plugins as processes, never through a shell: the executable must lie
 * in one of the allowed plugin directories, its arguments are passed as they are, and a plugin
 * that outlives its timeout is killed together with every process it started.
 */
public final class PluginRunner {

    /** Where {@code setsid} lives: it puts a plugin in a process group of its own, killable at once. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final List<Path> directories;
    private final int outputLimit;
    private final ServiceState timeoutState;
    private final boolean ownProcessGroup;

    public PluginRunner(List<Path> directories, int outputLimit, ServiceState timeoutState) {
        this.directories = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        this.outputLimit = outputLimit;
        this.timeoutState = timeoutState;
        this.ownProcessGroup = Files.isExecutable(SETSID);
    }

    /**
     * The executable a check names: a bare name is looked up in the plugin directories in order,
     * a path must resolve (links followed) to a file inside one of them.
     *
     * @throws PluginPathException saying why the plugin cannot be used
     */
    public Path resolve(String plugin) {
        if (plugin == null || plugin.isBlank()) {
            throw new PluginPathException("no plugin given");
        }
        Path named;
        try {
            named = Path.of(plugin.strip());
        } catch (InvalidPathException e) {
            throw new PluginPathException("'" + plugin + "' is not a file path");
        }
        var candidates = named.isAbsolute() || named.getNameCount() > 1
                ? List.of(named.toAbsolutePath().normalize())
                : directories.stream().map(d -> d.resolve(named)).toList();
        for (var candidate : candidates) {
            if (!Files.exists(candidate)) {
                continue;
            }
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (IOException e) {
                throw new PluginPathException("'" + plugin + "' cannot be read: " + e.getMessage());
            }
            if (directories.stream().noneMatch(d -> real.startsWith(realOrSelf(d)))) {
                throw new PluginPathException("'" + plugin + "' is outside the plugin directories " + directories);
            }
            if (!Files.isRegularFile(real) || !Files.isExecutable(real)) {
                throw new PluginPathException("'" + plugin + "' is not an executable file");
            }
            return real;
        }
        throw new PluginPathException("no plugin '" + plugin + "' in the plugin directories " + directories);
    }

    /** Runs a plugin and reads its result; a plugin that cannot start or ends badly is UNKNOWN with why. */
    public PluginOutput run(Path executable, List<String> arguments, Duration timeout) {
        var command = new ArrayList<String>();
        if (ownProcessGroup) {
            command.add(SETSID.toString());
        }
        command.add(executable.toString());
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        // Plugins print numbers and units by the locale; performance data must keep its '.'.
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return failed("the plugin could not be started: " + e.getMessage());
        }
        var output = new BoundedOutput(process.getInputStream(), outputLimit);
        var reader = Thread.ofVirtual().name("plugin-output-", process.pid()).start(output);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                reader.join(Duration.ofSeconds(1));
                return new PluginOutput(timeoutState, "Plugin timed out after " + Wording.duration(timeout), output.text(),
                        List.of(), List.of("killed after " + Wording.duration(timeout) + " with every process it started"));
            }
            // Output still held by a child the plugin left behind must not hold the check up.
            if (!reader.join(Duration.ofSeconds(1))) {
                killTree(process);
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return failed("the check was stopped");
        }
        var result = PluginOutput.parse(process.exitValue(), output.text());
        if (output.truncated()) {
            var problems = new ArrayList<>(result.problems());
            problems.add("output cut off after " + outputLimit + " bytes");
            result = new PluginOutput(result.state(), result.text(), result.longText(), result.perfData(),
                    List.copyOf(problems));
        }
        return result;
    }

    private void killTree(Process process) {
        // Children are collected before the parent dies: once it has, they belong to init.
        var descendants = process.descendants().toList();
        if (ownProcessGroup) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor(1, TimeUnit.SECONDS);
            } catch (IOException e) {
                // Fall through to killing the processes one by one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static PluginOutput failed(String why) {
        return new PluginOutput(ServiceState.UNKNOWN, why, "", List.of(), List.of(why));
    }

    private static Path realOrSelf(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory;
        }
    }

    /** Reads a stream to its end, keeping at most {@code limit} bytes. */
    private static final class BoundedOutput implements Runnable {

        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;

        BoundedOutput(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public void run() {
            var buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        var room = limit - kept.size();
                        if (n > room) {
                            truncated = true;
                        }
                        kept.write(buffer, 0, Math.max(0, Math.min(n, room)));
                    }
                }
            } catch (IOException e) {
                // The process was killed or closed its output; what was read is kept.
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }

        boolean truncated() {
            return truncated;
        }
    }
}
