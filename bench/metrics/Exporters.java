import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * Synthetic node-exporter-like scrape targets for the metrics benchmark, all in one JVM on 127.0.0.1.
 *
 * <pre>java bench/metrics/Exporters.java [--targets 100] [--series 1000] [--seed 42]</pre>
 *
 * Each target listens on its own port (chosen by the kernel), so every scraper tells targets apart by
 * the {@code instance} label it attaches itself, and serves {@code /metrics} in the text format 0.0.4
 * with HELP and TYPE: about 40% counters rising at rates from a few per hour to megabytes a second
 * (whole, or seconds with two decimals), 30% gauges walking within bounds with two decimals, and 30%
 * gauges that are constant or change every few minutes. Values are functions of the wall clock (the
 * walks advance once a second whether anyone scrapes or not), so scrapers that visit one after the
 * other see the same process. Counters rise at constant rates: the true {@code sum(rate(...))} of each
 * counter family is known and printed, which is how the benchmark checks the scrapers' answers.
 *
 * Prints {@code control URL}, one {@code rate FAMILY PER_SECOND} per counter family (summed over all
 * targets), one {@code target URL} per target, then {@code ready}; runs until killed.
 * {@code POST control/pause} makes every target answer 503 (nothing is scraped, so a scraper's storage
 * settles), {@code POST control/resume} undoes it.
 */
final class Exporters {

    enum Kind { COUNTER, WALK, STEADY }

    /** How a family's series get their values. */
    enum Shape { FAST_WHOLE, SLOW_WHOLE, RARE_WHOLE, SECONDS, CELSIUS, PERCENT, QUEUE, CONSTANT_BYTES, CONSTANT_MTU, CONSTANT_HERTZ, RARELY_CHANGING }

    /** A metric family; {@code labels} has one or two kinds of label (the second cycles over 8 values). */
    record Family(Kind kind, String name, String help, Shape shape, String... labels) {
    }

    static final List<Family> FAMILIES = List.of(
            new Family(Kind.COUNTER, "node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", Shape.SECONDS, "cpu", "mode"),
            new Family(Kind.COUNTER, "node_disk_read_bytes_total", "The total number of bytes read successfully.", Shape.FAST_WHOLE, "disk"),
            new Family(Kind.COUNTER, "node_disk_written_bytes_total", "The total number of bytes written successfully.", Shape.FAST_WHOLE, "disk"),
            new Family(Kind.COUNTER, "node_disk_reads_completed_total", "The total number of reads completed successfully.", Shape.SLOW_WHOLE, "disk"),
            new Family(Kind.COUNTER, "node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", Shape.SECONDS, "disk"),
            new Family(Kind.COUNTER, "node_network_receive_bytes_total", "Network device statistic receive_bytes.", Shape.FAST_WHOLE, "interface"),
            new Family(Kind.COUNTER, "node_network_transmit_packets_total", "Network device statistic transmit_packets.", Shape.SLOW_WHOLE, "interface"),
            new Family(Kind.COUNTER, "node_network_receive_errs_total", "Network device statistic receive_errs.", Shape.RARE_WHOLE, "interface"),
            new Family(Kind.COUNTER, "node_interrupts_total", "Interrupt details.", Shape.SLOW_WHOLE, "cpu", "type"),
            new Family(Kind.WALK, "node_hwmon_temp_celsius", "Hardware monitor for temperature (input).", Shape.CELSIUS, "chip", "sensor"),
            new Family(Kind.WALK, "node_disk_utilisation_percent", "Share of time the device was busy.", Shape.PERCENT, "disk"),
            new Family(Kind.WALK, "node_disk_queue_length", "Requests waiting on the device, averaged.", Shape.QUEUE, "disk"),
            new Family(Kind.WALK, "node_cpu_utilisation_percent", "Busy share of each CPU and mode.", Shape.PERCENT, "cpu", "mode"),
            new Family(Kind.STEADY, "node_filesystem_size_bytes", "Filesystem size in bytes.", Shape.CONSTANT_BYTES, "mountpoint"),
            new Family(Kind.STEADY, "node_network_mtu_bytes", "Network device property mtu_bytes.", Shape.CONSTANT_MTU, "interface"),
            new Family(Kind.STEADY, "node_cpu_frequency_max_hertz", "Maximum CPU thread frequency in hertz.", Shape.CONSTANT_HERTZ, "cpu"),
            new Family(Kind.STEADY, "node_filesystem_files_free", "Filesystem total free file nodes.", Shape.RARELY_CHANGING, "mountpoint"),
            new Family(Kind.STEADY, "node_memory_numa_free_bytes", "Free memory per NUMA node and zone.", Shape.RARELY_CHANGING, "node", "zone"));

    static final String[] MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    static final String[] INTERRUPT_TYPES = {"LOC", "RES", "CAL", "TLB", "NMI", "PMI", "MCE", "THR"};
    static final String[] ZONES = {"DMA", "DMA32", "Normal", "Movable", "Device", "HighMem", "Zone6", "Zone7"};
    static final long WALK_TICK_MS = 1000;

    /** One target's series: pre-rendered text, and the numbers that make each value. */
    static final class Target {
        final byte[][] header;   // HELP and TYPE before a family's first series, else null
        final byte[][] prefix;   // "name{labels} " or, for a constant, the whole line with its value
        final Shape[] shape;
        final long[] base;       // counter start value (hundredths for SECONDS), or a steady gauge's value
        final double[] perMs;    // counter rise per millisecond (hundredths for SECONDS)
        final long[] walk;       // a walk's current value in hundredths
        final long[] low;
        final long[] high;
        final long[] step;       // a walk's largest step, in hundredths; a rare gauge's period in ms
        final long startMs;
        final long salt;
        final SplittableRandom random;
        private long walkedTick;
        private byte[] out = new byte[64 * 1024];
        private int length;

        Target(int n, long seed, long startMs) {
            header = new byte[n][];
            prefix = new byte[n][];
            shape = new Shape[n];
            base = new long[n];
            perMs = new double[n];
            walk = new long[n];
            low = new long[n];
            high = new long[n];
            step = new long[n];
            this.startMs = startMs;
            salt = seed;
            random = new SplittableRandom(seed);
            walkedTick = startMs / WALK_TICK_MS;
        }

        /** The body of one scrape; the walks first catch up with the clock. */
        synchronized byte[] render(long nowMs) {
            long tick = nowMs / WALK_TICK_MS;
            for (; walkedTick < tick; walkedTick++) {
                for (int i = 0; i < shape.length; i++) {
                    if (step[i] > 0 && isWalk(shape[i])) {
                        long next = walk[i] + random.nextLong(-step[i], step[i] + 1);
                        // Reflect at the bounds, so the walk stays within them without sticking to one.
                        walk[i] = next < low[i] ? 2 * low[i] - next : next > high[i] ? 2 * high[i] - next : next;
                    }
                }
            }
            length = 0;
            long elapsed = nowMs - startMs;
            for (int i = 0; i < shape.length; i++) {
                if (header[i] != null) {
                    put(header[i]);
                }
                put(prefix[i]);
                switch (shape[i]) {
                    case FAST_WHOLE, SLOW_WHOLE, RARE_WHOLE -> putLong(base[i] + (long) (perMs[i] * elapsed));
                    case SECONDS -> putHundredths(base[i] + (long) (perMs[i] * elapsed));
                    case CELSIUS, PERCENT, QUEUE -> putHundredths(walk[i]);
                    case RARELY_CHANGING -> putLong(base[i] + mix(i, nowMs / step[i]) % (high[i] + 1));
                    case CONSTANT_BYTES, CONSTANT_MTU, CONSTANT_HERTZ -> {
                        continue; // the value is part of the pre-rendered line, newline included
                    }
                }
                putByte('\n');
            }
            return Arrays.copyOf(out, length);
        }

        private static boolean isWalk(Shape shape) {
            return shape == Shape.CELSIUS || shape == Shape.PERCENT || shape == Shape.QUEUE;
        }

        private long mix(long a, long b) {
            long z = (a + salt) * 0x9E3779B97F4A7C15L + b;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return (z ^ (z >>> 31)) & Long.MAX_VALUE;
        }

        private void ensure(int more) {
            if (length + more > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
            }
        }

        private void put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, out, length, bytes.length);
            length += bytes.length;
        }

        private void putByte(char c) {
            ensure(1);
            out[length++] = (byte) c;
        }

        private void putLong(long value) {
            ensure(21);
            if (value < 0) {
                out[length++] = '-';
                value = -value;
            }
            int start = length;
            do {
                out[length++] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value > 0);
            for (int a = start, b = length - 1; a < b; a++, b--) {
                byte t = out[a];
                out[a] = out[b];
                out[b] = t;
            }
        }

        private void putHundredths(long hundredths) {
            if (hundredths < 0) {
                putByte('-');
                hundredths = -hundredths;
            }
            putLong(hundredths / 100);
            ensure(3);
            out[length++] = '.';
            out[length++] = (byte) ('0' + hundredths / 10 % 10);
            out[length++] = (byte) ('0' + hundredths % 10);
        }
    }

    /** Builds a target's series: 40% counters, 30% walks, 30% steady gauges, families in turn. */
    static Target build(int series, long seed, int index, long startMs, double[] familyRates) {
        var target = new Target(series, seed * 1_000_003L + index, startMs);
        var random = new SplittableRandom(seed * 31 + index);
        int counters = (int) Math.round(series * 0.4);
        int walks = (int) Math.round(series * 0.3);
        int[] perKind = {counters, walks, series - counters - walks};
        int i = 0;
        for (var kind : Kind.values()) {
            var families = FAMILIES.stream().filter(f -> f.kind() == kind).toList();
            int total = perKind[kind.ordinal()];
            for (int f = 0; f < families.size(); f++) {
                var family = families.get(f);
                int count = total / families.size() + (f < total % families.size() ? 1 : 0);
                for (int k = 0; k < count; k++, i++) {
                    if (k == 0) {
                        target.header[i] = ascii("# HELP " + family.name() + " " + family.help() + "\n# TYPE "
                                + family.name() + " " + (kind == Kind.COUNTER ? "counter" : "gauge") + "\n");
                    }
                    var name = family.name() + labels(family, k) + " ";
                    target.shape[i] = family.shape();
                    define(target, i, family.shape(), random);
                    if (family.shape().name().startsWith("CONSTANT")) {
                        name += target.base[i] + "\n";
                    }
                    target.prefix[i] = ascii(name);
                    if (kind == Kind.COUNTER) {
                        double perSecond = target.perMs[i] * 1000 / (family.shape() == Shape.SECONDS ? 100 : 1);
                        familyRates[FAMILIES.indexOf(family)] += perSecond;
                    }
                }
            }
        }
        return target;
    }

    private static void define(Target t, int i, Shape shape, SplittableRandom random) {
        switch (shape) {
            // Rates per second, drawn log-uniformly: bytes from 1 kB/s to 10 MB/s, events from 0.1 to 500/s,
            // rare events a few per hour, CPU seconds from a thousandth to one per second.
            case FAST_WHOLE -> counter(t, i, random, 1e3, 1e7, 1_000_000_000L);
            case SLOW_WHOLE -> counter(t, i, random, 0.1, 500, 10_000_000L);
            case RARE_WHOLE -> counter(t, i, random, 0.0003, 0.01, 100);
            case SECONDS -> counter(t, i, random, 0.1, 100, 100_000_000L); // in hundredths of a second
            case CELSIUS -> walk(t, i, random, 2_500, 9_500, 50);
            case PERCENT -> walk(t, i, random, 0, 10_000, 200);
            case QUEUE -> walk(t, i, random, 0, 6_400, 30);
            case CONSTANT_BYTES -> t.base[i] = random.nextLong(1L << 30, 1L << 42);
            case CONSTANT_MTU -> t.base[i] = random.nextInt(4) == 0 ? 9000 : 1500;
            case CONSTANT_HERTZ -> t.base[i] = random.nextLong(20, 50) * 100_000_000L;
            case RARELY_CHANGING -> {
                t.base[i] = random.nextLong(1_000_000, 100_000_000);
                t.high[i] = random.nextLong(1, 10_000);                  // how far it moves
                t.step[i] = random.nextLong(5, 31) * 60_000;             // every 5 to 30 minutes
            }
        }
    }

    private static void counter(Target t, int i, SplittableRandom random, double lowPerSecond, double highPerSecond,
            long startBound) {
        double perSecond = Math.exp(random.nextDouble(Math.log(lowPerSecond), Math.log(highPerSecond)));
        t.perMs[i] = perSecond / 1000;
        t.base[i] = random.nextLong(startBound);
    }

    private static void walk(Target t, int i, SplittableRandom random, long low, long high, long maxStep) {
        t.low[i] = low;
        t.high[i] = high;
        t.walk[i] = random.nextLong(low, high + 1);
        t.step[i] = 1 + random.nextLong(maxStep);
    }

    /** The label set of a family's k-th series; the second label (if any) cycles over 8 values. */
    static String labels(Family family, int k) {
        var names = family.labels();
        if (names.length == 1) {
            return "{" + labelName(names[0]) + "=\"" + labelValue(names[0], k) + "\"}";
        }
        return "{" + labelName(names[0]) + "=\"" + labelValue(names[0], k / 8) + "\"," + labelName(names[1]) + "=\""
                + labelValue(names[1], k % 8) + "\"}";
    }

    /** Disks and network interfaces are both {@code device}, as in node_exporter; their names differ. */
    private static String labelName(String kind) {
        return kind.equals("disk") || kind.equals("interface") ? "device" : kind;
    }

    private static String labelValue(String name, int n) {
        return switch (name) {
            case "mode" -> MODES[n];
            case "type" -> INTERRUPT_TYPES[n];
            case "zone" -> ZONES[n];
            case "sensor" -> "temp" + (n + 1);
            case "chip" -> "platform_coretemp_" + n;
            case "disk" -> n < 3 ? List.of("sda", "sdb", "nvme0n1").get(n) : "dm-" + (n - 3);
            case "interface" -> n < 2 ? List.of("eth0", "eth1").get(n) : "veth" + Integer.toHexString(0x1a2b3c + n * 7919);
            case "mountpoint" -> n == 0 ? "/" : "/srv/volume-" + n;
            default -> Integer.toString(n); // cpu, node
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        int targets = 100;
        int series = 1000;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--targets" -> targets = Integer.parseInt(value(args, ++i));
                case "--series" -> series = Integer.parseInt(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                default -> usage("unknown option: " + args[i]);
            }
        }
        if (targets < 1 || targets > 2000 || series < 10 || series > 100_000) {
            usage("--targets must be 1..2000 and --series 10..100000");
        }
        var loopback = InetAddress.getByName("127.0.0.1");
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        var scrapes = new LongAdder();
        var paused = new java.util.concurrent.atomic.AtomicBoolean();
        long startMs = System.currentTimeMillis();
        double[] rates = new double[FAMILIES.size()];
        var urls = new ArrayList<String>();
        for (int t = 0; t < targets; t++) {
            var target = build(series, seed, t, startMs, rates);
            var server = HttpServer.create(new InetSocketAddress(loopback, 0), 256);
            server.setExecutor(executor);
            server.createContext("/metrics", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    if (paused.get()) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    var body = target.render(System.currentTimeMillis());
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    scrapes.increment();
                }
            });
            server.start();
            urls.add("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
        }
        var control = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        control.setExecutor(executor);
        control.createContext("/control/", exchange -> {
            try (exchange) {
                var action = exchange.getRequestURI().getPath().substring("/control/".length());
                switch (action) {
                    case "pause" -> paused.set(true);
                    case "resume" -> paused.set(false);
                    case "scrapes" -> {
                        // Answered below with the count.
                    }
                    default -> {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                }
                var body = ascii(scrapes.sum() + "\n");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        control.start();
        System.out.println("control http://127.0.0.1:" + control.getAddress().getPort() + "/control/");
        for (int f = 0; f < FAMILIES.size(); f++) {
            if (FAMILIES.get(f).kind() == Kind.COUNTER) {
                System.out.println(String.format(Locale.ROOT, "rate %s %.6f", FAMILIES.get(f).name(), rates[f]));
            }
        }
        urls.forEach(url -> System.out.println("target " + url));
        System.out.println("ready");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("exporters: served " + scrapes.sum() + " scrapes")));
        Thread.currentThread().join();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage("missing value after " + args[i - 1]);
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java bench/metrics/Exporters.java [--targets N] [--series N] [--seed N]");
        System.exit(2);
    }
}
