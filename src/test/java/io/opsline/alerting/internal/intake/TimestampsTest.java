package io.opsline.alerting.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

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

    /** The digit-by-digit reading of the usual form must agree with the general one on every kind of value. */
    @Test
    void readsTheUsualFormAsTheGeneralFormatterDoes() {
        var random = new Random(17);
        var withColon = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");
        var withoutColon = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx");
        // Years 2 to 9998, so that no offset carries a time out of four-digit years.
        for (int i = 0; i < 10_000; i++) {
            var offset = ZoneOffset.ofTotalSeconds((random.nextInt(36 * 4 + 1) - 18 * 4) * 15 * 60);
            var time = OffsetDateTime.ofInstant(Instant.ofEpochSecond(random.nextLong(-62_104_060_800L, 253_370_764_800L),
                    random.nextInt(1_000_000_000)), offset);
            assertThat(Timestamps.parse(time.format(withColon))).isEqualTo(time.toInstant());
            assertThat(Timestamps.parse(time.format(withoutColon))).isEqualTo(Instant.ofEpochSecond(time.toEpochSecond()));
            assertThat(Timestamps.parse(time.toInstant().toString())).isEqualTo(time.toInstant());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T12:00:00", "2024-05-01", "2024-05-01 12:00:00Z", "2024-02-30T12:00:00Z",
            "2024-05-01T24:00:00Z", "+12024-05-01T12:00:00Z", "1714564800", "yesterday", "2024-05-01T12:00:00Z junk", "",
            "2024-05-01T12:00:60Z", "2024-13-01T12:00:00Z", "2024-05-01T12:00:00+19:00", "2024-05-01T12:00:00+02:60",
            "2024-05-01T12:00:00.1234567890Z", "2024-05-01T12:00:00+02-00", "2023-02-29T12:00:00Z"})
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
