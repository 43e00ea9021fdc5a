package io.opsline.monitoring.internal.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitOfMeasureTest {

    @ParameterizedTest(name = "{0} {1} is {2} {3}")
    @CsvSource({
            "250, ms, 0.25, s", "0.1, ms, 0.0001, s", "1500, us, 0.0015, s", "20, ns, 0.00000002, s",
            "3, KB, 3000, B", "3, kB, 3000, B", "1.5, MB, 1500000, B", "2, GB, 2e9, B", "1, TB, 1e12, B",
            "1, PB, 1e15, B", "3, KiB, 3072, B", "1, MiB, 1048576, B", "2, GiB, 2147483648, B",
            "1, TiB, 1099511627776, B", "-4, ms, -0.004, s"
    })
    void convertsTimesToSecondsAndSizesToBytes(double value, String unit, double expected, String base) {
        var uom = UnitOfMeasure.of(unit);
        assertThat(uom.base()).isEqualTo(base);
        assertThat(uom.isBase()).isFalse();
        // Exactly: the conversion is decimal, so 0.1 ms does not come out as 1.0000000000000002E-4.
        assertThat(uom.toBase(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "B", "%", "c", "", "mb", "Kb", "bits"})
    void keepsBaseAndUnknownUnitsAsTheyAre(String unit) {
        var uom = UnitOfMeasure.of(unit);
        assertThat(uom.isBase()).isTrue();
        assertThat(uom.base()).isEqualTo(unit);
        assertThat(uom.toBase(42.5)).isEqualTo(42.5);
        var range = ThresholdRange.parse("10:20");
        assertThat(uom.toBase(range)).isSameAs(range);
    }

    @Test
    void convertsAWholePerfDatumWithItsThresholdsAndBounds() {
        var millis = new PerfDatum("rta", 250.0, "ms", ThresholdRange.parse("200"), ThresholdRange.parse("@500:"),
                0.0, 1000.0);

        var seconds = millis.inBaseUnit();

        assertThat(seconds).isEqualTo(new PerfDatum("rta", 0.25, "s", ThresholdRange.parse("0:0.2"),
                ThresholdRange.parse("@0.5:"), 0.0, 1.0));
        assertThat(seconds.warn()).hasToString("0:0.2");
        assertThat(ThresholdRange.judge(seconds.value(), seconds.warn(), seconds.crit()))
                .isEqualTo(ThresholdRange.judge(millis.value(), millis.warn(), millis.crit()));
    }

    @Test
    void convertsBinarySizesWithTheirThresholds() {
        var kibibytes = new PerfDatum("used", 2.0, "KiB", ThresholdRange.parse("~:1.5"), null, null, 4.0);

        assertThat(kibibytes.inBaseUnit()).isEqualTo(new PerfDatum("used", 2048.0, "B", ThresholdRange.parse("~:1536"),
                null, null, 4096.0));
    }

    @Test
    void leavesADatumInItsBaseUnitOrWithoutValueAlone() {
        var percent = new PerfDatum("pl", 12.5, "%", ThresholdRange.parse("20"), null, 0.0, 100.0);
        assertThat(percent.inBaseUnit()).isSameAs(percent);
        var unknown = new PerfDatum("rta", null, "ms", null, null, null, null);
        assertThat(unknown.inBaseUnit()).isEqualTo(new PerfDatum("rta", null, "s", null, null, null, null));
    }
}
