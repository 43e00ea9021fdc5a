package io.opsline.metrics.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.opsline.metrics.internal.SeriesSource;
import io.opsline.metrics.internal.SeriesSource.Aggregate;

class RollupCodecTest {

    private static final long MINUTE = 60_000;
    private static final long FIVE_MINUTES = 5 * MINUTE;
    private static final double STALE = Double.longBitsToDouble(SeriesSource.STALE_NAN_BITS);

    @Test
    void aBucketHoldsTheSamplesUpToAndIncludingItsEnd() {
        var samples = minutes(0, 0, 12);

        var payload = RollupCodec.encode(samples, FIVE_MINUTES);

        // Buckets end at 0, 5, 10 and 15 minutes: {0}, {1..5}, {6..10}, {11, 12}.
        assertThat(read(payload, Aggregate.LAST)).containsExactly(point(0, 0), point(5, 5), point(10, 10), point(12, 12));
        assertThat(read(payload, Aggregate.MIN)).containsExactly(point(0, 0), point(5, 1), point(10, 6), point(12, 11));
        assertThat(read(payload, Aggregate.MAX)).containsExactly(point(0, 0), point(5, 5), point(10, 10), point(12, 12));
        assertThat(read(payload, Aggregate.SUM)).containsExactly(point(0, 0), point(5, 15), point(10, 40), point(12, 23));
        assertThat(read(payload, Aggregate.COUNT)).containsExactly(point(0, 1), point(5, 5), point(10, 5), point(12, 2));
    }

    @Test
    void staleMarkersEndTheLastValueAndCountForNothingElse() {
        var samples = new SampleBuffer(8);
        samples.add(1 * MINUTE, 4);
        samples.add(2 * MINUTE, STALE);
        samples.add(6 * MINUTE, STALE);

        var payload = RollupCodec.encode(samples, FIVE_MINUTES);

        var last = read(payload, Aggregate.LAST);
        assertThat(last).hasSize(2);
        assertThat(Double.doubleToRawLongBits(last.get(0)[1])).isEqualTo(SeriesSource.STALE_NAN_BITS);
        assertThat(Double.doubleToRawLongBits(last.get(1)[1])).isEqualTo(SeriesSource.STALE_NAN_BITS);
        assertThat(read(payload, Aggregate.COUNT)).containsExactly(point(2, 1));
        assertThat(read(payload, Aggregate.MIN)).containsExactly(point(2, 4));
    }

    @Test
    void halvesOfABucketCutByABlockEndAreJoinedOnReading() {
        // A block ending at 8 minutes: the bucket ending at 10 is in both rows.
        var first = RollupCodec.encode(minutes(0, 6, 7), FIVE_MINUTES);
        var second = RollupCodec.encode(minutes(0, 8, 12), FIVE_MINUTES);

        for (var aggregate : Aggregate.values()) {
            var buffer = new SampleBuffer(8);
            RollupCodec.decode(first, aggregate, Long.MIN_VALUE, Long.MAX_VALUE, buffer);
            RollupCodec.decode(second, aggregate, Long.MIN_VALUE, Long.MAX_VALUE, buffer);
            RollupCodec.merge(buffer, aggregate, FIVE_MINUTES);
            var whole = RollupCodec.encode(minutes(0, 6, 12), FIVE_MINUTES);
            assertThat(points(buffer)).as(aggregate.name()).containsExactlyElementsOf(read(whole, aggregate));
        }
    }

    @Test
    void decodingKeepsTheBucketsWhoseLastSampleIsInTheRange() {
        var payload = RollupCodec.encode(minutes(0, 0, 30), FIVE_MINUTES);

        var buffer = new SampleBuffer(8);
        RollupCodec.decode(payload, Aggregate.MAX, 10 * MINUTE, 20 * MINUTE, buffer);

        assertThat(points(buffer)).containsExactly(point(10, 10), point(15, 15), point(20, 20));
    }

    /** One sample a minute from {@code first} to {@code last} minutes, each worth its minute plus {@code offset}. */
    private static SampleBuffer minutes(double offset, int first, int last) {
        var samples = new SampleBuffer(last - first + 1);
        for (var minute = first; minute <= last; minute++) {
            samples.add(minute * MINUTE, minute + offset);
        }
        return samples;
    }

    private static List<double[]> read(byte[] payload, Aggregate aggregate) {
        var buffer = new SampleBuffer(8);
        RollupCodec.decode(payload, aggregate, Long.MIN_VALUE, Long.MAX_VALUE, buffer);
        return points(buffer);
    }

    private static List<double[]> points(SampleBuffer buffer) {
        var points = new ArrayList<double[]>();
        for (var i = 0; i < buffer.count(); i++) {
            points.add(new double[] {buffer.time(i) / (double) MINUTE, buffer.value(i)});
        }
        return points;
    }

    private static double[] point(double minute, double value) {
        return new double[] {minute, value};
    }
}
