package io.opsline.metrics.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ChunkCodecTest {

    private static final long STALE_MARKER = 0x7ff0000000000002L;

    @Test
    void roundTripsEveryValueBitForBitAndAnyTimes() {
        var times = new long[] {Long.MIN_VALUE / 4, -5, 0, 0, 17, 3, 1_700_000_000_000L, Long.MAX_VALUE / 4,
            1_700_000_000_001L, 1_700_000_015_000L};
        var values = new double[] {0.0, -0.0, Double.NaN, Double.longBitsToDouble(STALE_MARKER),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 42.5};
        var chunk = ChunkCodec.encode(times, values, 0, times.length);

        var decoded = decode(chunk);

        assertThat(decoded).hasSize(times.length);
        for (var i = 0; i < times.length; i++) {
            assertThat(decoded.get(i)[0]).as("time %d", i).isEqualTo(times[i]);
            assertThat(decoded.get(i)[1]).as("value bits %d", i).isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        assertThat(ChunkCodec.count(chunk)).isEqualTo(times.length);
    }

    @Test
    void roundTripsRandomSeriesWithJitteredTimes() {
        var random = new Random(7);
        var count = 5000;
        var times = new long[count];
        var values = new double[count];
        var time = 1_700_000_000_000L;
        for (var i = 0; i < count; i++) {
            time += switch (random.nextInt(4)) {
                case 0 -> 15_000;
                case 1 -> 15_000 + random.nextInt(20) - 10;
                case 2 -> random.nextInt(1 << 19);
                default -> random.nextLong(1L << 40);
            };
            times[i] = time;
            values[i] = random.nextBoolean() ? random.nextGaussian() : Math.floor(random.nextDouble() * 100);
        }

        var decoded = decode(ChunkCodec.encode(times, values, 0, count));

        for (var i = 0; i < count; i++) {
            assertThat(decoded.get(i)[0]).isEqualTo(times[i]);
            assertThat(decoded.get(i)[1]).isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
    }

    @Test
    void aRegularConstantSeriesCostsAboutTwoBitsASample() {
        var count = 480;
        var times = new long[count];
        var values = new double[count];
        for (var i = 0; i < count; i++) {
            times[i] = 1_700_000_000_000L + i * 15_000L;
            values[i] = 1.0;
        }

        var chunk = ChunkCodec.encode(times, values, 0, count);

        assertThat(chunk.length).isLessThan(8 + 2 + 8 + 3 + count * 2 / 8 + 1);
    }

    @Test
    void anAppenderWritesWhatEncodeWrites() {
        var times = new long[] {1000, 2000, 3001, 4000, 9000};
        var values = new double[] {1, 1, 2.5, 2.5, -7};
        var appender = new ChunkAppender();
        for (var i = 0; i < times.length; i++) {
            appender.append(times[i], values[i]);
        }

        assertThat(appender.toBytes()).isEqualTo(ChunkCodec.encode(times, values, 0, times.length));
        assertThat(appender.firstTime()).isEqualTo(1000);
        assertThat(appender.lastTime()).isEqualTo(9000);
        assertThat(appender.count()).isEqualTo(5);
    }

    @Test
    void refusesWhatIsNoChunk() {
        var chunk = ChunkCodec.encode(new long[] {1, 2, 3}, new double[] {1, 2, 3}, 0, 3);

        assertThatThrownBy(() -> decode(new byte[] {9, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format");
        assertThatThrownBy(() -> decode(java.util.Arrays.copyOf(chunk, chunk.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends");
    }

    private static List<long[]> decode(byte[] chunk) {
        var samples = new ArrayList<long[]>();
        ChunkCodec.decode(chunk, (time, value) -> samples.add(new long[] {time, Double.doubleToRawLongBits(value)}));
        return samples;
    }
}
