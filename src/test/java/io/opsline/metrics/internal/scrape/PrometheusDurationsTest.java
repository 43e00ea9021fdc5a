package io.opsline.metrics.internal.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opsline.metrics.internal.promql.QueryParameters;

class PrometheusDurationsTest {

    @Test
    void writesDurationsAsPrometheusDoesAndReadsThemBack() {
        assertThat(PrometheusDurations.format(0)).isEqualTo("0s");
        assertThat(PrometheusDurations.format(500)).isEqualTo("500ms");
        assertThat(PrometheusDurations.format(15_000)).isEqualTo("15s");
        assertThat(PrometheusDurations.format(90_000)).isEqualTo("1m30s");
        assertThat(PrometheusDurations.format(86_400_000L + 1_500)).isEqualTo("1d1s500ms");
        for (var ms : new long[] {1, 999, 60_000, 3_723_004, 90_061_001L}) {
            assertThat(QueryParameters.parseDuration("d", PrometheusDurations.format(ms))).isEqualTo(ms);
        }
    }
}
