package io.opsline.monitoring.internal.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opsline.monitoring.ServiceState;

class PluginOutputTest {

    @Test
    void takesStateFromTheExitCodeAndTextFromTheFirstLine() {
        var out = PluginOutput.parse(1, "TCP WARNING - 1.2 second response time on 127.0.0.1 port 22|time=1.2s;1;2;0;10\n");
        assertThat(out.state()).isEqualTo(ServiceState.WARNING);
        assertThat(out.text()).isEqualTo("TCP WARNING - 1.2 second response time on 127.0.0.1 port 22");
        assertThat(out.perfData()).extracting(PerfDatum::label).containsExactly("time");
        assertThat(out.problems()).isEmpty();
    }

    @Test
    void readsLongOutputAndPerformanceDataOnLaterLines() {
        var out = PluginOutput.parse(0, """
                DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;6692;0;7435
                / 15272 MB (77%);
                /boot 68 MB (69%); | /boot=68MB;88;93;0;98
                /home=69357MB;253404;253409;0;253414
                """);
        assertThat(out.state()).isEqualTo(ServiceState.OK);
        assertThat(out.text()).isEqualTo("DISK OK - free space: / 3326 MB (56%);");
        assertThat(out.longText()).isEqualTo("/ 15272 MB (77%);\n/boot 68 MB (69%);");
        assertThat(out.perfData()).extracting(PerfDatum::label).containsExactly("/", "/boot", "/home");
    }

    @Test
    void anExitCodeOutsideThePluginApiIsUnknownWithTheReason() {
        var out = PluginOutput.parse(127, "sh: check_nothing: not found");
        assertThat(out.state()).isEqualTo(ServiceState.UNKNOWN);
        assertThat(out.problems()).containsExactly("exit code 127 is not a plugin state (0–3)");
    }

    @Test
    void noOutputIsSaidSo() {
        var out = PluginOutput.parse(2, "");
        assertThat(out.state()).isEqualTo(ServiceState.CRITICAL);
        assertThat(out.text()).isEqualTo("(no output)");
        assertThat(out.problems()).containsExactly("the plugin printed nothing");
    }

    @Test
    void malformedPerformanceDataKeepsTheResult() {
        var out = PluginOutput.parse(0, "OK | broken load=1");
        assertThat(out.state()).isEqualTo(ServiceState.OK);
        assertThat(out.perfData()).extracting(PerfDatum::label).containsExactly("load");
        assertThat(out.problems()).singleElement().asString().startsWith("performance data 'broken'");
    }
}
