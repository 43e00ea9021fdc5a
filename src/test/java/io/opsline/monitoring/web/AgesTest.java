package io.opsline.monitoring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AgesTest {

    @Test
    void saysHowLongInTheLargestUnitsThatMatter() {
        assertThat(Ages.of(Duration.ofMillis(-300))).as("a clock a little ahead").isEqualTo("0 s");
        assertThat(Ages.of(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(Ages.of(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(Ages.of(Duration.ofMinutes(12).plusSeconds(40))).isEqualTo("12 min");
        assertThat(Ages.of(Duration.ofHours(3))).isEqualTo("3 h");
        assertThat(Ages.of(Duration.ofHours(3).plusMinutes(5))).isEqualTo("3 h 5 min");
        assertThat(Ages.of(Duration.ofDays(2))).isEqualTo("2 d");
        assertThat(Ages.of(Duration.ofDays(2).plusHours(4).plusMinutes(59))).isEqualTo("2 d 4 h");
    }
}
