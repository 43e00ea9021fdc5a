package io.opsline.inventory.internal;

import java.util.Arrays;
import java.util.Optional;

import io.opsline.platform.HostAddresses;

/**
 * Recognises IP address literals and host names by their text alone, never asking DNS or the network,
 * and gives each the one form in which equal addresses compare equal.
 */
public final class Addresses {

    /** Longer text is refused before it is even lower-cased: an address has 253 characters, brackets aside. */
    private static final int MAX_LOOKUP = 255;

    private Addresses() {
    }

    /**
     * The form a valid, lower-case address is compared in, so that every way of writing one address
     * gives the same text: an IPv6 address as RFC 5952 writes it ({@code 2001:db8:0:0::1} is
     * {@code 2001:db8::1}), an IPv4-mapped one as its IPv4 address ({@code ::ffff:10.0.0.5} is
     * {@code 10.0.0.5}), a host name without its trailing dot. An IPv4 address is kept: {@link #valid}
     * takes none with leading zeros, so there is one way to write each. Text that is no IPv6 literal
     * but has a colon (whatever an older, laxer check let in) is its own key.
     */
    public static String key(String address) {
        if (address.contains(":")) {
            return HostAddresses.isIpLiteral(address) ? canonicalIpv6(address) : address;
        }
        return address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
    }

    /**
     * The {@link #key} of an address as someone else wrote it (any case, blanks around it, an IPv6
     * address in brackets as in URLs), or empty when it is neither an IP address nor a host name.
     */
    public static Optional<String> lookupKey(String text) {
        if (text == null || text.length() > MAX_LOOKUP) {
            return Optional.empty();
        }
        var address = text.strip().toLowerCase();
        if (address.length() > 2 && address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
            if (!address.contains(":")) {
                return Optional.empty();
            }
        }
        return valid(address) ? Optional.of(key(address)) : Optional.empty();
    }

    /** True when a {@link #key} is a host name with a domain ({@code web-01.example.com}), not an IP address. */
    public static boolean qualifiedHostName(String key) {
        return key.contains(".") && !key.contains(":") && !HostAddresses.isDottedNumbers(key);
    }

    /** True for an IPv4 or IPv6 literal or an RFC 1123 host name (underscores tolerated); expects lower case. */
    static boolean valid(String address) {
        return HostAddresses.isIpLiteral(address) || HostAddresses.isHostName(address);
    }

    /**
     * An IPv6 literal {@link HostAddresses#isIpLiteral} accepted, as RFC 5952 writes it: lower-case hex without leading
     * zeros, the longest run of two or more zero groups (the first of equally long ones) as "::",
     * an IPv4-mapped address as the IPv4 address, and the zone kept as it was.
     */
    private static String canonicalIpv6(String text) {
        var address = text;
        var zone = "";
        int percent = address.indexOf('%');
        if (percent >= 0) {
            zone = address.substring(percent);
            address = address.substring(0, percent);
        }
        var words = new int[8];
        int hexWords = 8;
        if (address.contains(".")) {
            int lastColon = address.lastIndexOf(':');
            var octets = Arrays.stream(address.substring(lastColon + 1).split("\\.")).mapToInt(Integer::parseInt)
                    .toArray();
            words[6] = octets[0] << 8 | octets[1];
            words[7] = octets[2] << 8 | octets[3];
            hexWords = 6;
            // Keep a "::" right before the tail, drop a single colon.
            address = address.substring(0, lastColon + 1);
            address = address.endsWith("::") ? address : address.substring(0, address.length() - 1);
        }
        int gap = address.indexOf("::");
        var left = words(gap < 0 ? address : address.substring(0, gap));
        var right = gap < 0 ? new int[0] : words(address.substring(gap + 2));
        System.arraycopy(left, 0, words, 0, left.length);
        System.arraycopy(right, 0, words, hexWords - right.length, right.length);

        if (zone.isEmpty() && words[0] == 0 && words[1] == 0 && words[2] == 0 && words[3] == 0 && words[4] == 0
                && words[5] == 0xffff) {
            return (words[6] >> 8) + "." + (words[6] & 0xff) + "." + (words[7] >> 8) + "." + (words[7] & 0xff);
        }
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < 8; i++) {
            int end = i;
            while (end < 8 && words[end] == 0) {
                end++;
            }
            if (end - i > runLength) {
                runStart = i;
                runLength = end - i;
            }
            i = Math.max(i, end);
        }
        var canonical = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                canonical.append("::");
                i += runLength - 1;
            } else {
                if (!canonical.isEmpty() && canonical.charAt(canonical.length() - 1) != ':') {
                    canonical.append(':');
                }
                canonical.append(Integer.toHexString(words[i]));
            }
        }
        return canonical.append(zone).toString();
    }

    /** The hex groups of a colon-separated run already found well-formed. */
    private static int[] words(String run) {
        return run.isEmpty() ? new int[0]
                : Arrays.stream(run.split(":", -1)).mapToInt(group -> Integer.parseInt(group, 16)).toArray();
    }
}
