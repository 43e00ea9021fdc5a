package io.opsline.inventory.internal;

import java.util.regex.Pattern;

/** Recognises IP address literals and host names by their text alone, never asking DNS or the network. */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-f]{1,4}");
    private static final Pattern ZONE = Pattern.compile("[a-z0-9_.-]+");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    private Addresses() {
    }

    /** True for an IPv4 or IPv6 literal or an RFC 1123 host name (underscores tolerated); expects lower case. */
    static boolean valid(String address) {
        if (address.isEmpty() || address.length() > 253) {
            return false;
        }
        if (address.contains(":")) {
            return ipv6(address);
        }
        if (DOTTED_NUMBERS.matcher(address).matches()) {
            return IPV4.matcher(address).matches();
        }
        var name = address.endsWith(".") ? address.substring(0, address.length() - 1) : address;
        for (var label : name.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * An IPv6 literal (RFC 4291 text form): eight groups of up to four hex digits, one "::" standing
     * for one or more zero groups, an optional dotted IPv4 tail, and an optional zone after '%'
     * (an interface of the CI's host, so it is only checked for shape).
     */
    static boolean ipv6(String text) {
        var address = text;
        int percent = address.indexOf('%');
        if (percent >= 0) {
            if (!ZONE.matcher(address.substring(percent + 1)).matches()) {
                return false;
            }
            address = address.substring(0, percent);
        }
        int extraGroups = 0;
        if (address.contains(".")) {
            int lastColon = address.lastIndexOf(':');
            if (!IPV4.matcher(address.substring(lastColon + 1)).matches()) {
                return false;
            }
            // The IPv4 tail stands for two groups; keep the colon before it.
            address = address.substring(0, lastColon + 1) + "0";
            extraGroups = 1;
        }
        int gap = address.indexOf("::");
        if (gap != address.lastIndexOf("::")) {
            return false;
        }
        if (gap < 0) {
            return groups(address) + extraGroups == 8;
        }
        int left = groups(address.substring(0, gap));
        int right = groups(address.substring(gap + 2));
        return left >= 0 && right >= 0 && left + right + extraGroups <= 7;
    }

    /** How many hex groups a colon-separated run holds, or -1 when it is malformed. */
    private static int groups(String run) {
        if (run.isEmpty()) {
            return 0;
        }
        var parts = run.split(":", -1);
        for (var part : parts) {
            if (!IPV6_GROUP.matcher(part).matches()) {
                return -1;
            }
        }
        return parts.length;
    }
}
