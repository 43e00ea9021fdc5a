package io.opsline.metrics.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class WalRecordTest {

    @Test
    void roundTripsSamplesOfSeveralSeries() {
        var writer = new WalRecord.Writer(4);
        writer.series(7);
        writer.sample(1_700_000_000_000L, 1.5);
        writer.sample(1_700_000_015_000L, Double.longBitsToDouble(0x7ff0000000000002L));
        writer.series(123_456_789L);
        writer.sample(-3, -0.0);
        writer.series(8);
        assertThat(writer.samples()).isEqualTo(3);

        var samples = read(writer.toBytes());

        assertThat(samples).containsExactly(
                new long[] {7, 1_700_000_000_000L, Double.doubleToRawLongBits(1.5)},
                new long[] {7, 1_700_000_015_000L, 0x7ff0000000000002L},
                new long[] {123_456_789L, -3, Double.doubleToRawLongBits(-0.0)});
    }

    @Test
    void refusesATruncatedRow() {
        var writer = new WalRecord.Writer(1);
        writer.series(1);
        writer.sample(5, 5);
        var bytes = writer.toBytes();

        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<long[]> read(byte[] payload) {
        var samples = new ArrayList<long[]>();
        WalRecord.read(payload, (id, time, value) -> samples.add(new long[] {id, time,
            Double.doubleToRawLongBits(value)}));
        return samples;
    }
}
