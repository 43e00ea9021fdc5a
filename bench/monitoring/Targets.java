import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * TCP listeners on loopback for the monitoring benchmark's checks to connect to: accepts each
 * connection and closes it at once, which is all check_tcp without -s/-e needs to say OK.
 *
 * <pre>java bench/monitoring/Targets.java [--ports N] [--addresses 127.0.0.1,127.0.0.2]</pre>
 *
 * Listens on N ports (chosen by the kernel) on each address, prints one line
 * {@code target ADDRESS PORT} per listener and then {@code ready}, and runs until killed. Several
 * ports spread the connections of thousands of checks a second over several four-tuples, so that
 * TIME_WAIT on one of them never holds a check up. Only addresses in 127.0.0.0/8 are accepted: the
 * benchmark sends traffic to this machine alone.
 */
final class Targets {
    public static void main(String[] args) throws Exception {
        var ports = 8;
        var addresses = List.of("127.0.0.1");
        for (var i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--ports" -> ports = Integer.parseInt(value(args, ++i));
                case "--addresses" -> addresses = List.of(value(args, ++i).split(","));
                default -> usage("unknown option: " + args[i]);
            }
        }
        if (ports < 1 || ports > 1000) {
            usage("--ports must be between 1 and 1000");
        }
        var accepted = new LongAdder();
        var listeners = new ArrayList<ServerSocketChannel>();
        for (var name : addresses) {
            var address = loopback(name.strip());
            for (var p = 0; p < ports; p++) {
                var server = ServerSocketChannel.open();
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                // A deep backlog: nagios4 and xargs open connections in bursts from many processes.
                server.bind(new InetSocketAddress(address, 0), 4096);
                listeners.add(server);
                System.out.println("target " + address.getHostAddress() + " " + server.socket().getLocalPort());
            }
        }
        for (var server : listeners) {
            // One virtual thread per listener: accept and close cost microseconds, so a single
            // loop per port keeps up with far more connections than a process-spawning client makes.
            Thread.ofVirtual().name("accept-" + server.socket().getLocalPort()).start(() -> serve(server, accepted));
        }
        System.out.println("ready");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("targets: accepted " + accepted.sum() + " connections")));
        Thread.currentThread().join();
    }

    private static void serve(ServerSocketChannel server, LongAdder accepted) {
        while (true) {
            try (var connection = server.accept()) {
                accepted.increment();
            } catch (IOException e) {
                // A peer that gave up before accept (e.g. a killed check) is no reason to stop listening.
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private static InetAddress loopback(String name) {
        InetAddress address;
        try {
            // Only literal addresses: a name could resolve to somewhere that is not this machine.
            if (!name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw new IOException("not an IPv4 address");
            }
            address = InetAddress.getByName(name);
        } catch (IOException e) {
            usage("not an address: " + name);
            throw new AssertionError();
        }
        if (!address.isLoopbackAddress()) {
            usage("only loopback addresses (127.0.0.0/8) are allowed, not " + name);
        }
        return address;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("targets: " + problem);
        System.err.println("usage: java Targets.java [--ports N] [--addresses 127.0.0.1,127.0.0.2,...]");
        System.exit(2);
    }
}
