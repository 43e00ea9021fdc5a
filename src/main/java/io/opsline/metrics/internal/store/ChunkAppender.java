package io.opsline.metrics.internal.store;

/**
 * A chunk being written one sample at a time, in the format {@link ChunkCodec} describes: each
 * sample costs its bits as it comes, so a series' newest samples take little memory before they are
 * flushed. Not thread-safe; the series' head guards it.
 */
final class ChunkAppender {

    /** Leading zeros are written in 5 bits; more than 31 are written as 31 and the rest as bits. */
    private static final int MAX_LEADING = 31;
    /** The bits a new window costs more than reusing the last, besides the value's: its leading zeros and length. */
    private static final int NEW_WINDOW_COST = 5 + 6;

    private final Bits.Writer bits;
    private int count;
    private long firstTime;
    private long lastTime;
    private long interval;
    private long lastBits;
    private boolean windowKnown;
    private int leading;
    private int trailing;

    ChunkAppender() {
        this(32);
    }

    ChunkAppender(int expectedBytes) {
        bits = new Bits.Writer(expectedBytes);
    }

    /** Adds a sample; times are expected to rise (equal and falling ones round-trip, but cost more). */
    void append(long timeMs, double value) {
        var valueBits = Double.doubleToRawLongBits(value);
        if (count == 0) {
            bits.writeVarint(Bits.zigzag(timeMs));
            bits.write(valueBits, 64);
            firstTime = timeMs;
        } else {
            var next = timeMs - lastTime;
            if (count == 1) {
                bits.writeVarint(Bits.zigzag(next));
            } else {
                writeIntervalChange(next - interval);
            }
            interval = next;
            writeXor(valueBits ^ lastBits);
        }
        lastTime = timeMs;
        lastBits = valueBits;
        count++;
    }

    int count() {
        return count;
    }

    long firstTime() {
        return firstTime;
    }

    long lastTime() {
        return lastTime;
    }

    /** The chunk's bytes so far: header and samples. */
    byte[] toBytes() {
        var header = new Bits.Writer(8 + bits.byteLength());
        header.write(ChunkCodec.FORMAT, 8);
        header.writeVarint(count);
        header.writeBytes(bits.array(), bits.byteLength());
        return header.toByteArray();
    }

    /** Roughly the memory the samples take, for sizing. */
    int byteLength() {
        return bits.byteLength();
    }

    /** As Prometheus: the interval's change in the smallest of 14, 17 or 20 bits, else whole; 0 costs one bit. */
    private void writeIntervalChange(long change) {
        if (change == 0) {
            bits.writeBit(false);
        } else if (fits(change, 14)) {
            bits.write(0b10, 2);
            bits.write(change, 14);
        } else if (fits(change, 17)) {
            bits.write(0b110, 3);
            bits.write(change, 17);
        } else if (fits(change, 20)) {
            bits.write(0b1110, 4);
            bits.write(change, 20);
        } else {
            bits.write(0b1111, 4);
            bits.write(change, 64);
        }
    }

    static boolean fits(long value, int width) {
        return value >= -(1L << (width - 1)) && value < (1L << (width - 1));
    }

    private void writeXor(long xor) {
        if (xor == 0) {
            bits.writeBit(false);
            return;
        }
        bits.writeBit(true);
        var lead = Math.min(Long.numberOfLeadingZeros(xor), MAX_LEADING);
        var trail = Long.numberOfTrailingZeros(xor);
        var length = Long.SIZE - lead - trail;
        var fits = windowKnown && lead >= leading && trail >= trailing;
        if (fits && Long.SIZE - leading - trailing <= NEW_WINDOW_COST + length) {
            bits.writeBit(false);
            bits.write(xor >>> trailing, Long.SIZE - leading - trailing);
        } else {
            bits.writeBit(true);
            bits.write(lead, 5);
            bits.write(length - 1, 6);
            bits.write(xor >>> trail, length);
            windowKnown = true;
            leading = lead;
            trailing = trail;
        }
    }
}
