package io.opsline.monitoring.internal.nagios;

import java.util.ArrayList;
import java.util.List;

import io.opsline.monitoring.ServiceState;

/**
 * What a Nagios-compatible plugin reported: its state from the exit code, the first line of
 * output as the status text, further lines as long output, and the performance data after
 * '|' on the first line and on any later line (the guidelines' multi-line form).
 *
 * @param problems what could not be understood (an odd exit code, unreadable performance data);
 *        shown to people next to the result, never a reason to drop the result
 */
public record PluginOutput(ServiceState state, String text, String longText, List<PerfDatum> perfData,
        List<String> problems) {

    public static PluginOutput parse(int exitCode, String output) {
        var problems = new ArrayList<String>();
        var state = ServiceState.ofExitCode(exitCode);
        if (exitCode < 0 || exitCode > 3) {
            problems.add("exit code " + exitCode + " is not a plugin state (0–3)");
        }
        var lines = (output == null ? "" : output.strip()).lines().toList();
        if (lines.isEmpty() || lines.getFirst().isBlank()) {
            problems.add("the plugin printed nothing");
            return new PluginOutput(state, "(no output)", "", List.of(), List.copyOf(problems));
        }
        var perf = new StringBuilder();
        var first = lines.getFirst();
        var bar = first.indexOf('|');
        var text = (bar < 0 ? first : first.substring(0, bar)).strip();
        if (bar >= 0) {
            perf.append(first.substring(bar + 1)).append(' ');
        }
        var longText = new StringBuilder();
        boolean inPerf = false;
        for (var line : lines.subList(1, lines.size())) {
            if (inPerf) {
                perf.append(line).append(' ');
                continue;
            }
            var lineBar = line.indexOf('|');
            if (lineBar >= 0) {
                longText.append(line.substring(0, lineBar).stripTrailing()).append('\n');
                perf.append(line.substring(lineBar + 1)).append(' ');
                inPerf = true;
            } else {
                longText.append(line.stripTrailing()).append('\n');
            }
        }
        var parsed = PerfData.parse(perf.toString());
        parsed.problems().forEach(p -> problems.add("performance data " + p));
        return new PluginOutput(state, text.isEmpty() ? "(no output)" : text, longText.toString().strip(),
                parsed.data(), List.copyOf(problems));
    }
}
