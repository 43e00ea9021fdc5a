package io.opsline.metrics.internal.store;

/**
 * The payload of a write-ahead row: the samples one append accepted, grouped by series. Bytes:
 * a varint count of series, then per series its id and sample count as varints, its first time as
 * a zigzag varint, every later time as the zigzag varint of the step from the one before, and its
 * values as 8 bytes each (raw IEEE 754 bits, big-endian). Samples of an append are written once and
 * read only after a crash, so this stays simple and quick to write rather than small.
 */
final class WalRecord {

    private WalRecord() {
    }

    /** Receives a row's samples, series by series. */
    interface Visitor {

        void sample(long seriesId, long timeMs, double value);
    }

    /** Builds a payload; series are written as {@link #series} and {@link #sample} are called. */
    static final class Writer {

        private final Bits.Writer out;
        private final Bits.Writer series = new Bits.Writer(64);
        private int seriesCount;
        private int samples;
        private long seriesId;
        private final SampleBuffer pending = new SampleBuffer(16);

        Writer(int expectedSamples) {
            out = new Bits.Writer(8 + expectedSamples * 12);
        }

        void series(long id) {
            endSeries();
            seriesId = id;
        }

        void sample(long timeMs, double value) {
            pending.add(timeMs, value);
        }

        int samples() {
            return samples + pending.count();
        }

        byte[] toBytes() {
            endSeries();
            var whole = new Bits.Writer(8 + series.byteLength());
            whole.writeVarint(seriesCount);
            whole.writeBytes(series.array(), series.byteLength());
            return whole.toByteArray();
        }

        private void endSeries() {
            var count = pending.count();
            if (count == 0) {
                return;
            }
            series.writeVarint(seriesId);
            series.writeVarint(count);
            series.writeVarint(Bits.zigzag(pending.time(0)));
            for (var i = 1; i < count; i++) {
                series.writeVarint(Bits.zigzag(pending.time(i) - pending.time(i - 1)));
            }
            for (var i = 0; i < count; i++) {
                series.write(Double.doubleToRawLongBits(pending.value(i)), 64);
            }
            seriesCount++;
            samples += count;
            pending.clear();
        }
    }

    /** Hands every sample of a payload to the visitor; an {@link IllegalArgumentException} says what is wrong. */
    static void read(byte[] payload, Visitor visitor) {
        var in = new Bits.Reader(payload);
        var seriesCount = in.readVarint();
        var times = new long[16];
        for (long s = 0; s < seriesCount; s++) {
            var id = in.readVarint();
            var count = in.readVarint();
            if (count < 1 || count > payload.length) {
                throw new IllegalArgumentException("series " + id + " claims " + count + " samples at byte "
                        + in.bytePosition() + " of a " + payload.length + "-byte write-ahead row");
            }
            if (times.length < count) {
                times = new long[(int) count];
            }
            var time = 0L;
            for (var i = 0; i < count; i++) {
                time = i == 0 ? Bits.unzigzag(in.readVarint()) : time + Bits.unzigzag(in.readVarint());
                times[i] = time;
            }
            for (var i = 0; i < count; i++) {
                visitor.sample(id, times[i], Double.longBitsToDouble(in.read(64)));
            }
        }
    }
}
