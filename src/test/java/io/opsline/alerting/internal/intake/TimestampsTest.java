package io.opsline.alerting.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2024-05-01T12:00:00Z, 2024-05-01T12:00:00Z",
            "2024-05-01t12:00:00z, 2024-05-01T12:00:00Z",
            "2024-05-01T14:00:00+02:00, 2024-05-01T12:00:00Z",
            "2024-05-01T14:00:00+0200, 2024-05-01T12:00:00Z",
            "2024-05-01T14:00:00+02, 2024-05-01T12:00:00Z",
            "2015-07-17T08:42:58.315+0000, 2015-07-17T08:42:58.315Z",
            "2023-03-14T09:26:45.36742133Z, 2023-03-14T09:26:45.36742133Z",
            "2024-05-01T12:00Z, 2024-05-01T12:00:00Z",
            "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z"
    })
    void readsIso8601TimesWithAnOffset(String text, String instant) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:00:00", "2024-05-01", "2024-05-01 12:00:00Z", "2024-02-30T12:00:00Z",
            "2024-05-01T24:00:00Z", "+12024-05-01T12:00:00Z", "1714564800", "yesterday", "2024-05-01T12:00:00Z junk", ""})
    void refusesAnythingElse(String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }

    @Test
    void goesZeroTimeAndTheEpochMeanNotSet() {
        assertThat(Timestamps.isSet(Instant.parse("0001-01-01T00:00:00Z"))).isFalse();
        assertThat(Timestamps.isSet(Instant.EPOCH)).isFalse();
        assertThat(Timestamps.isSet(null)).isFalse();
        assertThat(Timestamps.isSet(Instant.parse("2024-05-01T12:00:00Z"))).isTrue();
    }
}
