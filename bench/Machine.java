import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Cores, memory and CPU of this machine, for the heading. */
final class Machine {

    /** Linux's unit of CPU time in {@code /proc} (USER_HZ): 100 on every architecture it runs on today. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

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

    /**
     * CPU seconds a process on this machine has used so far, with those of the children it has
     * reaped and, when asked, of those still running (a PostgreSQL server's backends); -1 when
     * there is no such process or no {@code /proc}.
     */
    static double cpuSeconds(long pid, boolean withLiveChildren) {
        if (pid <= 0) {
            return -1;
        }
        try {
            var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // After the command in parentheses: state is field 3; utime, stime, cutime, cstime are 14-17.
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double ticks = 0;
            for (int i = 11; i <= 14; i++) {
                ticks += Long.parseLong(fields[i]);
            }
            double seconds = ticks / CLOCK_TICKS_PER_SECOND;
            if (withLiveChildren) {
                for (var child : ProcessHandle.of(pid).map(p -> p.children().toList()).orElse(java.util.List.of())) {
                    seconds += Math.max(0, cpuSeconds(child.pid(), false));
                }
            }
            return seconds;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
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
