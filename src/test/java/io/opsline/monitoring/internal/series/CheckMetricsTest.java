package io.opsline.monitoring.internal.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckMetricsTest {

    @Test
    void namesASeriesForItsLabelWithItsUnitAsPrometheusSuffix() {
        assertThat(CheckMetrics.metricName("time", "s")).isEqualTo("check_time_seconds");
        assertThat(CheckMetrics.metricName("disk used", "B")).isEqualTo("check_disk_used_bytes");
        assertThat(CheckMetrics.metricName("pl", "%")).isEqualTo("check_pl_percent");
        assertThat(CheckMetrics.metricName("requests", "c")).isEqualTo("check_requests_total");
        assertThat(CheckMetrics.metricName("procs", "")).isEqualTo("check_procs");
        assertThat(CheckMetrics.metricName("/var/log", "B")).isEqualTo("check__var_log_bytes");
        assertThat(CheckMetrics.metricName("fan", "rpm")).isEqualTo("check_fan_rpm");
    }

    @Test
    void givesTheUnitBackFromTheNameAndTheLabel() {
        for (var unit : new String[] {"s", "B", "%", "c", "", "rpm"}) {
            for (var label : new String[] {"time", "/var/log", "x_seconds"}) {
                assertThat(CheckMetrics.unitOf(CheckMetrics.metricName(label, unit), label)).as(label + " in " + unit)
                        .isEqualTo(unit);
            }
        }
    }
}
