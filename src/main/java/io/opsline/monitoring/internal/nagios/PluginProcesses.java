package io.opsline.monitoring.internal.nagios;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;

/**
 * Runs plugin processes to their end: output (stdout and stderr together) read up to a limit,
 * and a process that outlives its timeout killed together with every process it started.
 */
interface PluginProcesses {

    /**
     * How a plugin process ended.
     *
     * @param code its exit code; 128 + the signal's number when a signal ended it, as a shell says
     * @param timedOut whether it was killed for outliving its timeout
     * @param truncated whether it printed more than the limit, which was read and dropped
     */
    record Exit(int code, boolean timedOut, byte[] output, boolean truncated) {
    }

    /**
     * Runs {@code command} (the executable's path, then its arguments) with no shell in between,
     * standard input from /dev/null.
     *
     * @throws IOException when the process cannot be started, saying why
     * @throws InterruptedException when the waiting thread is interrupted; the process is killed
     */
    Exit run(List<String> command, Duration timeout, int outputLimit) throws IOException, InterruptedException;

    /** The machine's way to run plugins: posix_spawn with one watching thread where Java and the system allow. */
    static PluginProcesses shared() {
        return Shared.INSTANCE;
    }

    /** What a plugin sees: Opsline's own environment, with numbers printed the C locale's way. */
    static Map<String, String> environment() {
        var environment = new HashMap<>(System.getenv());
        // Plugins print numbers and units by the locale; performance data must keep its '.'.
        environment.put("LC_ALL", "C");
        return Map.copyOf(environment);
    }

    /** One per JVM, like the JDK's own process reaper: it owns a thread and a set of descriptors. */
    final class Shared {

        static final PluginProcesses INSTANCE = choose();

        private Shared() {
        }

        /**
         * PosixSpawnProcesses needs the foreign function API of Java 22, so it is built apart
         * (src/main/java22) and found by name: on Java 21 it does not load, and plugins start the
         * JDK's way.
         */
        private static PluginProcesses choose() {
            var environment = environment();
            String why;
            try {
                return (PluginProcesses) Class.forName(PluginProcesses.class.getPackageName() + ".PosixSpawnProcesses")
                        .getDeclaredMethod("start", Map.class).invoke(null, environment);
            } catch (InvocationTargetException e) {
                why = e.getCause().getMessage();
            } catch (ReflectiveOperationException | LinkageError e) {
                why = "Java " + Runtime.version().feature() + " lacks the foreign function API (Java 22 or later)";
            }
            LoggerFactory.getLogger(PluginProcesses.class)
                    .info("Plugins start through the JDK's ProcessBuilder, which takes more CPU per plugin: {}", why);
            return new JdkProcesses(environment);
        }
    }
}
