import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Cores, memory and CPU of this machine, for the heading. */
final class Machine {
    static String describe() {
        var cores = Runtime.getRuntime().availableProcessors();
        String memory = "?";
        String cpu = "?";
        try {
            for (var l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    memory = Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB";
                }
            }
            for (var l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    cpu = l.substring(l.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the heading says less.
        }
        return "%d cores, %s, %s, Java %s".formatted(cores, memory, cpu, Runtime.version().feature());
    }

    /** The 1-minute load average, to tell whether other work on the machine competed with the run. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
