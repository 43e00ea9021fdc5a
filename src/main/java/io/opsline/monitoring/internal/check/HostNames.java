package io.opsline.monitoring.internal.check;

import java.util.List;
import java.util.Locale;

/**
 * Whether a certificate's names cover a host name, by RFC 6125: names compare without case or a
 * final dot, and a wildcard stands for exactly one whole leftmost label ({@code *.example.org}
 * covers {@code www.example.org}, not {@code example.org} or {@code a.b.example.org}).
 */
final class HostNames {

    private HostNames() {
    }

    static boolean matches(String host, List<String> names) {
        var wanted = normalise(host);
        return names.stream().map(HostNames::normalise).anyMatch(name -> name.equals(wanted)
                || name.startsWith("*.") && wanted.indexOf('.') > 0
                        && wanted.substring(wanted.indexOf('.')).equals(name.substring(1)));
    }

    private static String normalise(String name) {
        var lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
