package io.opsline.monitoring.internal.nagios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdRangeTest {

    /** The table from the Nagios plugin development guidelines, plus edges. */
    @ParameterizedTest(name = "{0} with {1} alerts: {2}")
    @CsvSource({
            "10, -1, true", "10, 0, false", "10, 10, false", "10, 10.5, true",
            "10:, 9.99, true", "10:, 10, false", "10:, 1e9, false",
            "~:10, -1e9, false", "~:10, 10, false", "~:10, 11, true",
            "10:20, 9, true", "10:20, 15, false", "10:20, 20, false", "10:20, 21, true",
            "@10:20, 9, false", "@10:20, 10, true", "@10:20, 20, true", "@10:20, 21, false",
            "-5:-1, -3, false", "-5:-1, 0, true", "0.5:1.5, 1, false", ":5, 6, true"
    })
    void alertsAsTheGuidelinesSay(String range, double value, boolean alerts) {
        assertThat(ThresholdRange.parse(range).alerts(value)).isEqualTo(alerts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "20:10", "1:2:3", "@", "~", "10:x", "--1"})
    void refusesWhatIsNotARangeAndSaysHowToWriteOne(String range) {
        assertThatIllegalArgumentException().isThrownBy(() -> ThresholdRange.parse(range))
                .withMessageContaining("range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10:", "~:10", "@10:20"})
    void keepsTheTextAsWritten(String range) {
        assertThat(ThresholdRange.parse(range)).hasToString(range);
    }

    @ParameterizedTest(name = "{0} ms is {1} s")
    @CsvSource({"500, 0:0.5", "200:, 0.2:", "~:1500, ~:1.5", "@100:250, @0.1:0.25"})
    void convertsMillisecondThresholdsToSeconds(String millis, String seconds) {
        var converted = ThresholdRange.parse(millis).inLargerUnit(3);
        assertThat(converted).hasToString(seconds);
        assertThat(converted).isEqualTo(ThresholdRange.parse(seconds));
    }
}
