package io.opsline.monitoring.internal.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LegacySampleCodecTest {

    private static final long T0 = LegacySampleCodec.micros(Instant.parse("2026-03-01T10:00:00Z"));
    private static final long SECOND = 1_000_000;
    private static final LegacySampleCodec.Visitor IGNORE = (at, value) -> {
    };

    /** Values by their bits, so that -0.0 differs from 0.0 and a NaN from another NaN. */
    private record Decoded(List<Long> micros, List<Long> bits) {
    }

    private static Decoded decode(byte[] block) {
        var micros = new ArrayList<Long>();
        var bits = new ArrayList<Long>();
        LegacySampleCodec.decode(block, (at, value) -> {
            micros.add(at);
            bits.add(Double.doubleToRawLongBits(value));
        });
        return new Decoded(micros, bits);
    }

    private static void assertRoundTrips(long[] micros, double[] values) {
        var decoded = decode(LegacySampleCodec.encode(micros, values, micros.length));
        assertThat(decoded.micros()).containsExactly(Arrays.stream(micros).boxed().toArray(Long[]::new));
        assertThat(decoded.bits()).containsExactly(
                Arrays.stream(values).mapToObj(Double::doubleToRawLongBits).toArray(Long[]::new));
    }

    private static long[] every(long interval, int count) {
        return LongStream.range(0, count).map(i -> T0 + i * interval).toArray();
    }

    @Test
    void keepsEveryKindOfDoubleBitForBit() {
        var values = new double[] {0.0, -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 1e300, -1e-308, 1.0,
            Math.nextUp(1.0), Math.nextDown(1.0), -1.0, 0.1, 0.2, 0.30000000000000004, 42, 42, 42, Math.PI,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
            Double.longBitsToDouble(0x7ff8_0000_0000_0123L), 0.0};
        assertRoundTrips(every(SECOND, values.length), values);
    }

    @Test
    void keepsTimesThatRepeatJumpOrLieAtTheEndsOfTheRange() {
        var micros = new long[] {Long.MIN_VALUE, Long.MIN_VALUE, -SECOND - 1, -1, 0, 0, 0, 1, 2, 4, 7, T0, T0,
            T0 + 1, T0 + SECOND, T0 + 2 * SECOND, T0 + 3 * SECOND, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        var values = new double[micros.length];
        Arrays.fill(values, 1.5);
        assertRoundTrips(micros, values);
        // Not what blocks hold, but nothing is lost either.
        assertRoundTrips(new long[] {T0, Long.MIN_VALUE, T0 - 7, Long.MAX_VALUE, 0}, new double[] {1, 2, 3, 4, 5});
    }

    @Test
    void roundTripsRandomSeriesOfEveryShape() {
        var random = new Random(20_260_301);
        for (int run = 0; run < 500; run++) {
            var count = random.nextInt(run < 20 ? 3 : 2_000);
            var micros = new long[count];
            var values = new double[count];
            var at = T0 + random.nextLong(-T0, T0);
            var value = random.nextGaussian() * 1000;
            for (int i = 0; i < count; i++) {
                at += switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> 2 * SECOND;
                    case 2 -> 2 * SECOND + random.nextInt(-5_000, 5_000);
                    default -> random.nextLong(0, 3_600 * SECOND);
                };
                micros[i] = at;
                value = switch (random.nextInt(5)) {
                    case 0 -> value;
                    case 1 -> value + random.nextInt(-3, 4);
                    case 2 -> Math.round(value * 1000 + random.nextGaussian()) / 1000.0;
                    case 3 -> Double.longBitsToDouble(random.nextLong());
                    default -> random.nextGaussian() * Math.pow(10, random.nextInt(-300, 300));
                };
                values[i] = value;
            }
            assertRoundTrips(micros, values);
        }
    }

    @Test
    void encodesOnlyTheFirstSamplesAskedFor() {
        var block = LegacySampleCodec.encode(new long[] {T0, T0 + SECOND, T0 + 2 * SECOND}, new double[] {1, 2, 3}, 2);
        assertThat(decode(block).micros()).containsExactly(T0, T0 + SECOND);
        assertThat(decode(LegacySampleCodec.encode(new long[0], new double[0], 0)).micros()).isEmpty();
    }

    @Test
    void aRegularSeriesOfSlowlyChangingValuesTakesUnderFourBytesASample() {
        // A gauge read every 2 s, rounded to one decimal, drifting by a few tenths over minutes.
        var count = 1_800;
        var values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = Math.round((40 + 5 * Math.sin(i / 150.0)) * 10) / 10.0;
        }
        var block = LegacySampleCodec.encode(every(2 * SECOND, count), values, count);

        assertThat((double) block.length / count).isLessThan(4);
        assertRoundTrips(every(2 * SECOND, count), values);
    }

    @Test
    void timesAreWholeMicrosecondsCutTowardsThePast() {
        var at = Instant.parse("2026-03-01T10:00:00.123456789Z");
        assertThat(LegacySampleCodec.instant(LegacySampleCodec.micros(at))).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
        var beforeTheEpoch = Instant.parse("1969-12-31T23:59:59.999999500Z");
        assertThat(LegacySampleCodec.micros(beforeTheEpoch)).isEqualTo(-1);
        assertThat(LegacySampleCodec.instant(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(LegacySampleCodec.instant(LegacySampleCodec.micros(Instant.parse("0001-01-01T00:00:00Z"))))
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }

    @Test
    void refusesWhatIsNoBlockOfThisFormat() {
        var block = LegacySampleCodec.encode(every(SECOND, 10), new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 10);
        var otherVersion = block.clone();
        otherVersion[0] = 2;
        assertThatIllegalArgumentException().isThrownBy(() -> LegacySampleCodec.decode(otherVersion, IGNORE))
                .withMessageContaining("format");
        assertThatIllegalArgumentException().isThrownBy(() -> LegacySampleCodec.decode(Arrays.copyOf(block, 12), IGNORE));
        assertThatIllegalArgumentException().isThrownBy(() -> LegacySampleCodec.decode(new byte[0], IGNORE));
    }
}
