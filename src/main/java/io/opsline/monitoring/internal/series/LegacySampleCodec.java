package io.opsline.monitoring.internal.series;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The compact binary form of one series' run of samples (times and values), as monitoring stored
 * them in {@code check_sample_block} before the metrics module took checks' samples over. Kept only
 * for that table: migration V10 still writes it on an installation that skipped it, and
 * {@link LegacySampleCopy} reads it into metrics.
 *
 * <p>Measurements come at a steady pace and change little from one to the next; the format spends
 * bits only on what changes (after Facebook's Gorilla, Pelkonen et al., VLDB 2015). A block is a
 * string of bits, most significant bit of each byte first, padded with zeros to a whole byte:
 * <ol>
 * <li>8 bits: the format version, {@value #FORMAT}; a reader refuses versions it does not know.</li>
 * <li>varint: how many samples follow. Together with the version byte this header is byte-aligned.</li>
 * <li>For each sample its time, then its value:
 * <ul>
 * <li>Times are whole microseconds since the epoch. The first is written as a zigzag varint; each
 * later one as the change of the interval (delta of delta): a single 0 bit when the interval is the
 * one before, otherwise a 1 bit and the change as a zigzag varint. A regular series costs one bit
 * a sample.</li>
 * <li>Values are doubles by their 64 bits. The first is written whole; each later one is XORed with
 * the one before: a 0 bit when it is the same; otherwise a 1 bit and then either 0 and the XOR's
 * bits inside the window of the last value written with a window (when its nonzero bits fall
 * inside it), or 1, 5 bits of leading zeros (at most 31), 6 bits of the number of bits that follow
 * minus one, and those bits, which become the window. The encoder takes whichever of the two is
 * shorter.</li>
 * </ul></li>
 * </ol>
 * A varint is an unsigned number in groups of 7 bits, least significant group first, each written
 * as 8 bits: a 1 when another group follows, else 0, then the group. Zigzag maps signed numbers to
 * unsigned ones so that small negative numbers stay short too (0, -1, 1, -2 ... become 0, 1, 2, 3).
 *
 * <p>Every value round-trips bit for bit (-0.0, subnormals, infinities and NaNs included, as far as
 * the JVM keeps a NaN's payload), and every time does in any order; times in ascending order
 * (equal times allowed) are what keeps them small.
 */
public final class LegacySampleCodec {

    /** The version of the format that {@link #encode} writes, in a block's first byte. */
    public static final int FORMAT = 1;

    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final int NANOS_PER_MICRO = 1_000;
    /** Leading zeros are written in 5 bits; more than 31 are written as 31 and the rest as bits. */
    private static final int MAX_LEADING = 31;
    /** The bits a new window costs more than reusing the last, besides the value's: its leading zeros and length. */
    private static final int NEW_WINDOW_COST = 5 + 6;

    private LegacySampleCodec() {
    }

    /** Receives a block's samples one after the other, in the order they were encoded. */
    @FunctionalInterface
    public interface Visitor {

        /** @param micros the sample's time in whole microseconds since the epoch */
        void sample(long micros, double value);
    }

    /** A time as whole microseconds since the epoch, any finer part cut off (towards the past). */
    public static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), MICROS_PER_SECOND),
                at.getNano() / NANOS_PER_MICRO);
    }

    /** The time that {@link #micros(Instant)} gave these microseconds for. */
    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO);
    }

    /**
     * A block of the first {@code count} samples: {@code values[i]} taken at {@code micros[i]}
     * (whole microseconds since the epoch, see {@link #micros(Instant)}).
     */
    public static byte[] encode(long[] micros, double[] values, int count) {
        Objects.checkIndex(count, Math.min(micros.length, values.length) + 1);
        var out = new BitWriter(8 + count * 2);
        out.write(FORMAT, 8);
        out.writeVarint(count);
        var timeEncoder = new TimeEncoder();
        var valueEncoder = new ValueEncoder();
        for (int i = 0; i < count; i++) {
            timeEncoder.write(out, i, micros[i]);
            valueEncoder.write(out, i, Double.doubleToRawLongBits(values[i]));
        }
        return out.toByteArray();
    }

    /** Hands each of a block's samples to the visitor; throws IllegalArgumentException for what is no block. */
    public static void decode(byte[] block, Visitor visitor) {
        var in = new BitReader(block);
        var format = in.read(8);
        if (format != FORMAT) {
            throw new IllegalArgumentException("not a sample block of format " + FORMAT + " but of " + format);
        }
        var count = in.readVarint();
        if (count < 0 || count > (long) block.length * 8) {
            throw new IllegalArgumentException("a block of " + block.length + " bytes cannot hold " + count
                    + " samples");
        }
        long time = 0;
        long interval = 0;
        long bits = 0;
        var window = new Window();
        for (long i = 0; i < count; i++) {
            if (i == 0) {
                time = unzigzag(in.readVarint());
                bits = in.read(64);
            } else {
                if (in.readBit()) {
                    interval += unzigzag(in.readVarint());
                }
                time += interval;
                bits ^= window.readXor(in);
            }
            visitor.sample(time, Double.longBitsToDouble(bits));
        }
    }

    private static long zigzag(long n) {
        return (n << 1) ^ (n >> 63);
    }

    private static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }

    /**
     * Writes times as changes of the interval. Arithmetic wraps around, and does so alike when
     * reading, so that any two times round-trip, however far apart.
     */
    private static final class TimeEncoder {

        private long previous;
        private long interval;

        void write(BitWriter out, int index, long micros) {
            if (index == 0) {
                out.writeVarint(zigzag(micros));
            } else {
                var next = micros - previous;
                var change = next - interval;
                if (change == 0) {
                    out.writeBit(false);
                } else {
                    out.writeBit(true);
                    out.writeVarint(zigzag(change));
                }
                interval = next;
            }
            previous = micros;
        }
    }

    private static final class ValueEncoder {

        private long previous;
        private final Window window = new Window();

        void write(BitWriter out, int index, long bits) {
            if (index == 0) {
                out.write(bits, 64);
            } else {
                window.writeXor(out, bits ^ previous);
            }
            previous = bits;
        }
    }

    /** The leading and trailing zeros of the last XOR written with its own, shared by writer and reader. */
    private static final class Window {

        private boolean known;
        private int leading;
        private int trailing;

        void writeXor(BitWriter out, long xor) {
            if (xor == 0) {
                out.writeBit(false);
                return;
            }
            out.writeBit(true);
            var lead = Math.min(Long.numberOfLeadingZeros(xor), MAX_LEADING);
            var trail = Long.numberOfTrailingZeros(xor);
            var length = Long.SIZE - lead - trail;
            var fits = known && lead >= leading && trail >= trailing;
            if (fits && Long.SIZE - leading - trailing <= NEW_WINDOW_COST + length) {
                out.writeBit(false);
                out.write(xor >>> trailing, Long.SIZE - leading - trailing);
            } else {
                out.writeBit(true);
                out.write(lead, 5);
                out.write(length - 1, 6);
                out.write(xor >>> trail, length);
                known = true;
                leading = lead;
                trailing = trail;
            }
        }

        long readXor(BitReader in) {
            if (!in.readBit()) {
                return 0;
            }
            if (in.readBit()) {
                leading = (int) in.read(5);
                var length = (int) in.read(6) + 1;
                trailing = Long.SIZE - leading - length;
                if (trailing < 0) {
                    throw new IllegalArgumentException("a value's bits overrun 64 bits: not a sample block");
                }
                known = true;
            } else if (!known) {
                throw new IllegalArgumentException("a value refers to a window before any: not a sample block");
            }
            return in.read(Long.SIZE - leading - trailing) << trailing;
        }
    }

    private static final class BitWriter {

        private byte[] bytes;
        private long position;

        BitWriter(int expectedBytes) {
            bytes = new byte[Math.max(16, expectedBytes)];
        }

        void writeBit(boolean bit) {
            write(bit ? 1 : 0, 1);
        }

        /** The lowest {@code count} bits of {@code value}, highest of them first. */
        void write(long value, int count) {
            ensureRoom(count);
            var left = count;
            while (left > 0) {
                var free = 8 - (int) (position & 7);
                var taken = Math.min(free, left);
                var chunk = (int) (value >>> (left - taken)) & ((1 << taken) - 1);
                bytes[(int) (position >>> 3)] |= (byte) (chunk << (free - taken));
                position += taken;
                left -= taken;
            }
        }

        void writeVarint(long value) {
            var rest = value;
            while ((rest & ~0x7FL) != 0) {
                write(0x80 | (rest & 0x7F), 8);
                rest >>>= 7;
            }
            write(rest, 8);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, (int) ((position + 7) >>> 3));
        }

        private void ensureRoom(int count) {
            var needed = (position + count + 7) >>> 3;
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.max(needed, bytes.length * 2L));
            }
        }
    }

    private static final class BitReader {

        private final byte[] bytes;
        private long position;

        BitReader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean readBit() {
            return read(1) != 0;
        }

        long read(int count) {
            if (position + count > (long) bytes.length * 8) {
                throw new IllegalArgumentException("the block ends in the middle of a sample: not a sample block");
            }
            long value = 0;
            var left = count;
            while (left > 0) {
                var available = 8 - (int) (position & 7);
                var taken = Math.min(available, left);
                var chunk = (bytes[(int) (position >>> 3)] >>> (available - taken)) & ((1 << taken) - 1);
                value = (value << taken) | chunk;
                position += taken;
                left -= taken;
            }
            return value;
        }

        long readVarint() {
            long value = 0;
            for (int shift = 0; shift < Long.SIZE; shift += 7) {
                var group = read(8);
                value |= (group & 0x7F) << shift;
                if ((group & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a number longer than 64 bits: not a sample block");
        }
    }
}
