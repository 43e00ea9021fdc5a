package io.opsline.monitoring.internal.nagios;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs plugins through the JDK's ProcessBuilder, where {@link PosixSpawnProcesses} cannot: a
 * thread waits for each process and another reads its output. {@code setsid}, where the system
 * has it, gives each plugin a process group that one signal kills.
 */
final class JdkProcesses implements PluginProcesses {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration LEFTOVER_OUTPUT = Duration.ofSeconds(1);

    private final Map<String, String> environment;
    private final boolean ownProcessGroup = Files.isExecutable(SETSID);

    JdkProcesses(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Exit run(List<String> command, Duration timeout, int outputLimit) throws IOException, InterruptedException {
        var full = new ArrayList<String>();
        if (ownProcessGroup) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        var builder = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        var process = builder.start();
        var output = new BoundedOutput(process.getInputStream(), outputLimit);
        var reader = Thread.ofVirtual().name("plugin-output-", process.pid()).start(output);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                process.waitFor();
                reader.join(LEFTOVER_OUTPUT);
                return output.exit(process.exitValue(), true);
            }
            // Output still held by a child the plugin left behind must not hold the check up.
            if (!reader.join(LEFTOVER_OUTPUT)) {
                killTree(process);
            }
        } catch (InterruptedException e) {
            killTree(process);
            throw e;
        }
        return output.exit(process.exitValue(), false);
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

        Exit exit(int code, boolean timedOut) {
            synchronized (kept) {
                return new Exit(code, timedOut, kept.toByteArray(), truncated);
            }
        }
    }
}
