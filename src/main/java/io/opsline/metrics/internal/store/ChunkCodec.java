package io.opsline.metrics.internal.store;

/**
 * The compact form of a run of one series' samples, as a chunk row holds it. After Facebook's
 * Gorilla (Pelkonen et al., VLDB 2015) as Prometheus writes it, adapted from monitoring's
 * SampleCodec: times are milliseconds, and a changed interval costs 16 bits rather than 9 to 72,
 * which suits scrapes whose times jitter by a few milliseconds.
 *
 * <p>A chunk is a version byte ({@value #FORMAT}), a varint count, then a bit string (most
 * significant bit first, zero-padded to a byte):
 * <ul>
 * <li>the first time as a zigzag varint and the first value's 64 bits;</li>
 * <li>the second time as the interval to the first (zigzag varint);</li>
 * <li>every later time as the change of the interval: {@code 0} when unchanged, else {@code 10},
 * {@code 110}, {@code 1110} and the change in 14, 17 or 20 bits (two's complement), or {@code 1111}
 * and 64 bits;</li>
 * <li>every later value XORed with the one before: {@code 0} when equal; else {@code 1}, then
 * {@code 0} and the XOR's bits inside the last window, or {@code 1}, 5 bits of leading zeros, 6 bits
 * of length minus one and the bits, which become the window.</li>
 * </ul>
 * A varint is 7-bit groups, least significant first, each in a byte whose top bit says another
 * follows. Values round-trip bit for bit (NaN payloads, such as Prometheus' stale marker, included).
 */
final class ChunkCodec {

    static final int FORMAT = 1;

    private ChunkCodec() {
    }

    /** Receives a chunk's samples in order. */
    @FunctionalInterface
    interface Visitor {

        void sample(long timeMs, double value);
    }

    /** A chunk of samples {@code from} (included) to {@code to} (excluded) of the arrays. */
    static byte[] encode(long[] times, double[] values, int from, int to) {
        var appender = new ChunkAppender(8 + (to - from) * 2);
        for (var i = from; i < to; i++) {
            appender.append(times[i], values[i]);
        }
        return appender.toBytes();
    }

    /** How many samples a chunk holds, from its header. */
    static int count(byte[] chunk) {
        var in = header(chunk);
        return (int) in.readVarint();
    }

    /** Adds a chunk's samples from {@code fromMs} to {@code toMs} (both included) to a buffer. */
    static void decode(byte[] chunk, long fromMs, long toMs, SampleBuffer out) {
        decode(chunk, (time, value) -> {
            if (time >= fromMs && time <= toMs) {
                out.add(time, value);
            }
        });
    }

    /** Hands each sample to the visitor; an {@link IllegalArgumentException} says what is not a chunk. */
    static void decode(byte[] chunk, Visitor visitor) {
        var in = header(chunk);
        var count = in.readVarint();
        if (count < 0 || count > (long) chunk.length * 8) {
            throw new IllegalArgumentException("a chunk of " + chunk.length + " bytes cannot hold " + count + " samples");
        }
        long time = 0;
        long interval = 0;
        long bits = 0;
        var leading = 0;
        var trailing = 0;
        var windowKnown = false;
        for (long i = 0; i < count; i++) {
            if (i == 0) {
                time = Bits.unzigzag(in.readVarint());
                bits = in.read(64);
            } else {
                if (i == 1) {
                    interval = Bits.unzigzag(in.readVarint());
                } else {
                    interval += readIntervalChange(in);
                }
                time += interval;
                if (in.readBit()) {
                    if (in.readBit()) {
                        leading = (int) in.read(5);
                        var length = (int) in.read(6) + 1;
                        trailing = Long.SIZE - leading - length;
                        if (trailing < 0) {
                            throw new IllegalArgumentException("a value's bits overrun 64 bits at byte "
                                    + in.bytePosition() + ": not a chunk");
                        }
                        windowKnown = true;
                    } else if (!windowKnown) {
                        throw new IllegalArgumentException("a value refers to a window before any at byte "
                                + in.bytePosition() + ": not a chunk");
                    }
                    bits ^= in.read(Long.SIZE - leading - trailing) << trailing;
                }
            }
            visitor.sample(time, Double.longBitsToDouble(bits));
        }
    }

    private static Bits.Reader header(byte[] chunk) {
        var in = new Bits.Reader(chunk);
        var format = (int) in.read(8);
        if (format != FORMAT) {
            throw new IllegalArgumentException("not a chunk of format " + FORMAT + " but of " + format);
        }
        return in;
    }

    private static long readIntervalChange(Bits.Reader in) {
        if (!in.readBit()) {
            return 0;
        }
        if (!in.readBit()) {
            return signed(in.read(14), 14);
        }
        if (!in.readBit()) {
            return signed(in.read(17), 17);
        }
        if (!in.readBit()) {
            return signed(in.read(20), 20);
        }
        return in.read(64);
    }

    private static long signed(long value, int width) {
        return (value << (Long.SIZE - width)) >> (Long.SIZE - width);
    }
}
