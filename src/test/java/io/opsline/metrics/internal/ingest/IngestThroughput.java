package io.opsline.metrics.internal.ingest;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.opsline.metrics.Labels;
import io.opsline.metrics.internal.ingest.RemoteWriteEncoder.Proto;

/**
 * Prints how fast the parsers run on this machine; a measurement, not a test (timings depend on
 * the machine and what else runs on it). One thread. After {@code mvn -o -q test-compile}:
 * {@code java -cp target/classes:target/test-classes io.opsline.metrics.internal.ingest.IngestThroughput}
 */
final class IngestThroughput {

    private static final int ROUNDS = 20;

    private IngestThroughput() {
    }

    public static void main(String[] args) {
        var node = ExpositionParserTest.resource("node-exporter.txt");
        var copies = hundredCopies(node);
        var parser = new ExpositionParser(IngestLimits.DEFAULTS);
        long[] checksum = {0};

        measure("text 0.0.4, node exporter x100, key only (repeat scrape)", () -> {
            var result = parser.parse(copies, copies.length, ExpositionFormat.PROMETHEUS_TEXT,
                    sample -> checksum[0] += sample.keyHash());
            return result.samples();
        });
        measure("text 0.0.4, node exporter x100, labels built (first scrape)", () -> {
            var result = parser.parse(copies, copies.length, ExpositionFormat.PROMETHEUS_TEXT,
                    sample -> checksum[0] += sample.labels().size());
            return result.samples();
        });

        var decoder = new RemoteWriteDecoder(IngestLimits.DEFAULTS);
        var bodies = prometheusLikeBodies();
        measure("remote write, 500 one-sample entries a request, 5,000 series", () -> {
            var samples = 0;
            for (var body : bodies) {
                samples += decoder.decode(body, body.length).samples();
            }
            return samples;
        });
        System.out.println("(checksum " + checksum[0] + ")");
    }

    /** The node exporter's text 100 times, each copy's series told apart by a label {@code copy}. */
    static byte[] hundredCopies(byte[] text) {
        var lines = new String(text, StandardCharsets.UTF_8).split("\n");
        var out = new ByteArrayOutputStream(text.length * 110);
        for (var copy = 0; copy < 100; copy++) {
            for (var line : lines) {
                if (line.startsWith("#") || line.isBlank()) {
                    if (copy == 0) {
                        out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    continue;
                }
                var space = line.indexOf(' ');
                var brace = line.indexOf('{');
                var changed = brace >= 0 && brace < space
                        ? line.substring(0, brace + 1) + "copy=\"" + copy + "\"," + line.substring(brace + 1)
                        : line.substring(0, space) + "{copy=\"" + copy + "\"}" + line.substring(space);
                out.writeBytes((changed + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** 40 requests of 500 entries with one sample each, over 5,000 series of 6 labels, as Prometheus batches. */
    static List<byte[]> prometheusLikeBodies() {
        var bodies = new ArrayList<byte[]>();
        var entry = 0;
        for (var request = 0; request < 40; request++) {
            var message = new Proto();
            for (var i = 0; i < 500; i++, entry++) {
                var series = entry % 5_000;
                var labels = Labels.of(Labels.NAME, "node_network_receive_bytes_total", "instance",
                        "host-" + (series / 10) + ".example.org:9100", "job", "node", "device", "eth" + (series % 10),
                        "env", "production", "region", "eu-central-1");
                message.message(1, RemoteWriteEncoder.timeSeries(labels,
                        new long[] {1_700_000_000_000L + entry / 5_000 * 15_000L}, new double[] {entry * 1024.5}, 1));
            }
            bodies.add(RemoteWriteEncoder.compress(message.bytes()));
        }
        return bodies;
    }

    private interface Round {
        int run();
    }

    private static void measure(String what, Round round) {
        for (var i = 0; i < 5; i++) {
            round.run();
        }
        var threads = ManagementFactory.getThreadMXBean();
        var samples = 0L;
        var start = System.nanoTime();
        var cpuStart = threads.getCurrentThreadCpuTime();
        for (var i = 0; i < ROUNDS; i++) {
            samples += round.run();
        }
        var cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        var seconds = (System.nanoTime() - start) / 1e9;
        // Per CPU second as well as per second: on a shared machine the wall clock includes waiting for a core.
        System.out.printf("%-66s %,11.0f samples per CPU second, %,11.0f per second (%,d samples)%n", what,
                samples / cpuSeconds, samples / seconds, samples);
    }

}
