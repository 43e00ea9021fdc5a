package io.opsline.monitoring.internal.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.opsline.platform.FieldViolation;
import io.opsline.platform.InvalidInputException;

class SeriesRequestTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private static java.util.List<String> refused(String from, String to, String label, String points) {
        var e = catchThrowableOfType(InvalidInputException.class,
                () -> SeriesRequest.parse(from, to, label, points, NOW));
        assertThat(e).as("refused").isNotNull();
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void withoutParametersItIsTheLastSixHoursInThreeHundredPointsOfEveryLabel() {
        assertThat(SeriesRequest.parse(null, null, null, null, NOW))
                .isEqualTo(new SeriesRequest(NOW.minus(Duration.ofHours(6)), NOW, null, 300));
        assertThat(SeriesRequest.parse(" ", "", "", "", NOW))
                .isEqualTo(new SeriesRequest(NOW.minus(Duration.ofHours(6)), NOW, null, 300));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "-90s, 2024-05-01T11:58:30Z", "-30m, 2024-05-01T11:30:00Z", "-1h, 2024-05-01T11:00:00Z",
            "-24h, 2024-04-30T12:00:00Z", "-7d, 2024-04-24T12:00:00Z", "-2w, 2024-04-17T12:00:00Z",
            "2024-05-01T10:15:30Z, 2024-05-01T10:15:30Z", "2024-05-01T10:15:30.250Z, 2024-05-01T10:15:30.250Z",
            "2024-05-01T12:15:30+02:00, 2024-05-01T10:15:30Z"
    })
    void readsInstantsAndTimesBeforeNow(String from, Instant expected) {
        assertThat(SeriesRequest.parse(from, "now", "rta", "50", NOW))
                .isEqualTo(new SeriesRequest(expected, NOW, "rta", 50));
    }

    @Test
    void aRangeEndingEarlierIsTheSixHoursBeforeItsEnd() {
        assertThat(SeriesRequest.parse(null, "-1d", null, "2000", NOW)).isEqualTo(
                new SeriesRequest(Instant.parse("2024-04-30T06:00:00Z"), Instant.parse("2024-04-30T12:00:00Z"), null,
                        2000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "-6", "6h", "-6y", "-1.5h", "2024-05-01", "2024-05-01T10:15:30",
            "+10000-01-01T00:00:00Z", "-1234567d"})
    void namesATimeItCannotRead(String time) {
        assertThat(refused(time, null, null, null)).containsExactly("from");
        assertThat(refused(null, time, null, null)).containsExactly("to");
    }

    @Test
    void fromMustBeBeforeTo() {
        assertThat(refused("-1h", "-2h", null, null)).containsExactly("from");
        assertThat(refused("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z", null, null)).containsExactly("from");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "2001", "many", "300.5"})
    void pointsAreAWholeNumberFromOneTo2000(String points) {
        assertThat(refused(null, null, null, points)).containsExactly("points");
    }

    @Test
    void namesEveryWrongParameterAtOnce() {
        assertThat(refused("soon", "later", "l".repeat(101), "0")).containsExactly("to", "from", "label", "points");
    }
}
