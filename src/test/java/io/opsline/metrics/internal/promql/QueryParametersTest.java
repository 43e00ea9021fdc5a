package io.opsline.metrics.internal.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void readsTimesAsUnixSecondsOrRfc3339() {
        assertThat(QueryParameters.parseTime("time", "1435781451")).isEqualTo(1435781451000L);
        assertThat(QueryParameters.parseTime("time", "1435781451.781")).isEqualTo(1435781451781L);
        assertThat(QueryParameters.parseTime("time", "1435781451.7815")).isEqualTo(1435781451782L);
        assertThat(QueryParameters.parseTime("time", "-1.5")).isEqualTo(-1500L);
        assertThat(QueryParameters.parseTime("start", "2015-07-01T20:10:51.781Z")).isEqualTo(1435781451781L);
        assertThat(QueryParameters.parseTime("start", "2015-07-01T22:10:51+02:00")).isEqualTo(1435781451000L);
    }

    @Test
    void namesTheParameterOfAnUnreadableTime() {
        assertThatThrownBy(() -> QueryParameters.parseTime("start", "yesterday"))
                .isInstanceOf(PromqlException.class)
                .hasMessage("invalid parameter \"start\": cannot parse \"yesterday\" to a valid timestamp");
        assertThatThrownBy(() -> QueryParameters.parseTime("end", "2015-07-01 20:10:51"))
                .hasMessage("invalid parameter \"end\": cannot parse \"2015-07-01 20:10:51\" to a valid timestamp");
        assertThatThrownBy(() -> QueryParameters.parseTime("time", "NaN")).hasMessageContaining("valid timestamp");
    }

    @Test
    void readsDurationsAsSecondsOrPrometheusDurations() {
        assertThat(QueryParameters.parseDuration("step", "15")).isEqualTo(15_000);
        assertThat(QueryParameters.parseDuration("step", "0.5")).isEqualTo(500);
        assertThat(QueryParameters.parseDuration("step", "15s")).isEqualTo(15_000);
        assertThat(QueryParameters.parseDuration("step", "1h30m")).isEqualTo(5_400_000);
        assertThat(QueryParameters.parseDuration("step", "1d")).isEqualTo(86_400_000);
    }

    @Test
    void namesTheParameterOfAnUnreadableDuration() {
        assertThatThrownBy(() -> QueryParameters.parseDuration("step", "5 minutes"))
                .hasMessage("invalid parameter \"step\": cannot parse \"5 minutes\" to a valid duration");
        assertThatThrownBy(() -> QueryParameters.parseDuration("step", "30m1h"))
                .hasMessage("invalid parameter \"step\": cannot parse \"30m1h\" to a valid duration");
        assertThatThrownBy(() -> QueryParameters.parseDuration("step", "1e30"))
                .hasMessage("invalid parameter \"step\": cannot parse \"1e30\" to a valid duration. It overflows int64");
    }
}
