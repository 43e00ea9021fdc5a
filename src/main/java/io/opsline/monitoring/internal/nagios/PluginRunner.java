package io.opsline.monitoring.internal.nagios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.Wording;

/**
 * Runs Nagios-compatible plugins as processes, never through a shell: the executable must lie
 * in one of the allowed plugin directories, its arguments are passed as they are, and a plugin
 * that outlives its timeout is killed together with every process it started.
 */
public final class PluginRunner {

    private final List<Path> directories;
    private final int outputLimit;
    private final ServiceState timeoutState;
    private final PluginProcesses processes;

    public PluginRunner(List<Path> directories, int outputLimit, ServiceState timeoutState) {
        this(directories, outputLimit, timeoutState, PluginProcesses.shared());
    }

    PluginRunner(List<Path> directories, int outputLimit, ServiceState timeoutState, PluginProcesses processes) {
        this.directories = directories.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        this.outputLimit = outputLimit;
        this.timeoutState = timeoutState;
        this.processes = processes;
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
        var command = new ArrayList<String>(arguments.size() + 1);
        command.add(executable.toString());
        command.addAll(arguments);
        PluginProcesses.Exit exit;
        try {
            exit = processes.run(command, timeout, outputLimit);
        } catch (IOException e) {
            return failed("the plugin could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("the check was stopped");
        }
        var output = new String(exit.output(), StandardCharsets.UTF_8);
        if (exit.timedOut()) {
            return new PluginOutput(timeoutState, "Plugin timed out after " + Wording.duration(timeout), output,
                    List.of(), List.of("killed after " + Wording.duration(timeout) + " with every process it started"));
        }
        var result = PluginOutput.parse(exit.code(), output);
        if (exit.truncated()) {
            var problems = new ArrayList<>(result.problems());
            problems.add("output cut off after " + outputLimit + " bytes");
            result = new PluginOutput(result.state(), result.text(), result.longText(), result.perfData(),
                    List.copyOf(problems));
        }
        return result;
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
}
