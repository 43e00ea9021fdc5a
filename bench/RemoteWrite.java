import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A Prometheus remote-write body, encoded by hand: protobuf for one series, snappy as literals only. */
final class RemoteWrite {

    private RemoteWrite() {
    }

    /** WriteRequest{timeseries=1: TimeSeries{labels=1: Label{name=1, value=2}, samples=2: Sample{value=1, timestamp=2}}}. */
    static byte[] encode(List<String> labelPairs, long[] times, double[] values) {
        var series = new ByteArrayOutputStream();
        for (int i = 0; i < labelPairs.size(); i += 2) {
            var label = new ByteArrayOutputStream();
            field(label, 1, labelPairs.get(i).getBytes(StandardCharsets.UTF_8));
            field(label, 2, labelPairs.get(i + 1).getBytes(StandardCharsets.UTF_8));
            field(series, 1, label.toByteArray());
        }
        for (int i = 0; i < times.length; i++) {
            var sample = new ByteArrayOutputStream();
            sample.write(0x09); // field 1, fixed64
            long bits = Double.doubleToRawLongBits(values[i]);
            for (int b = 0; b < 8; b++) {
                sample.write((int) (bits >>> (8 * b)));
            }
            sample.write(0x10); // field 2, varint
            varint(sample, times[i]);
            field(series, 2, sample.toByteArray());
        }
        var request = new ByteArrayOutputStream();
        field(request, 1, series.toByteArray());
        return request.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        out.write(number << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    /**
     * The snappy block format with every byte in a literal element: valid snappy that any decoder
     * reads, without compressing. A benchmark does not need the compression; a receiver that decodes
     * snappy must take it all the same.
     */
    static byte[] snappyLiterals(byte[] data) {
        var out = new ByteArrayOutputStream(data.length + data.length / 65536 * 3 + 8);
        varint(out, data.length);
        for (int from = 0; from < data.length; from += 65536) {
            int length = Math.min(65536, data.length - from);
            int n = length - 1;
            if (n < 60) {
                out.write(n << 2);
            } else if (n < 256) {
                out.write(60 << 2);
                out.write(n);
            } else {
                out.write(61 << 2);
                out.write(n & 0xFF);
                out.write(n >>> 8);
            }
            out.write(data, from, length);
        }
        return out.toByteArray();
    }
}
