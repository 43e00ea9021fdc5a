package io.opsline.metrics.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void comparesAsItsSymbolSaysAndNaNNever() {
        assertThat(Comparison.GREATER.holds(91, 90)).isTrue();
        assertThat(Comparison.GREATER.holds(90, 90)).isFalse();
        assertThat(Comparison.GREATER_OR_EQUAL.holds(90, 90)).isTrue();
        assertThat(Comparison.LESS.holds(89, 90)).isTrue();
        assertThat(Comparison.LESS_OR_EQUAL.holds(90, 90)).isTrue();
        assertThat(Comparison.LESS_OR_EQUAL.holds(Double.NaN, 90)).isFalse();
        assertThat(Comparison.ofSymbol(">=")).contains(Comparison.GREATER_OR_EQUAL);
        assertThat(Comparison.ofSymbol("=>")).isEmpty();
    }

    @Test
    void theClearThresholdLiesWhereValuesGoWhenThingsGetBetter() {
        assertThat(Comparison.GREATER.clearsOnBetterSide(90, 80)).isTrue();
        assertThat(Comparison.GREATER.clearsOnBetterSide(90, 90)).isTrue();
        assertThat(Comparison.GREATER_OR_EQUAL.clearsOnBetterSide(90, 95)).isFalse();
        assertThat(Comparison.LESS.clearsOnBetterSide(10, 20)).isTrue();
        assertThat(Comparison.LESS_OR_EQUAL.clearsOnBetterSide(10, 5)).isFalse();
    }
}
