package io.opsline.platform;

import java.util.regex.Pattern;

/**
 * IP address literals and host names recognised by their text alone, in any case. Nothing here
 * asks DNS: {@code InetAddress.getByName} would resolve anything that is not a literal, and code
 * that blocks on a lookup for every address it reads is code a flood of input can stall.
 */
public final class HostAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final int MAX_HOST_NAME = 253;

    private HostAddresses() {
    }

    /** An IPv4 dotted quad (no leading zeros, which some parsers read as octal) or an IPv6 literal. */
    public static boolean isIpLiteral(String text) {
        if (text == null) {
            return false;
        }
        return text.contains(":") ? isIpv6(text) : IPV4.matcher(text).matches();
    }

    /**
     * An RFC 1123 host name (underscores tolerated, as real networks have them; a trailing dot
     * allowed), at most 253 characters, and not a run of digits and dots (a mistyped IP address).
     */
    public static boolean isHostName(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_HOST_NAME || isDottedNumbers(text)) {
            return false;
        }
        var name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        for (var label : name.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Only digits and dots: what an IPv4 address looks like, valid or not. */
    public static boolean isDottedNumbers(String text) {
        return DOTTED_NUMBERS.matcher(text).matches();
    }

    /**
     * An IPv6 literal in RFC 4291 text form: eight groups of up to four hex digits, one "::"
     * standing for one or more zero groups, an optional dotted IPv4 tail, and an optional zone
     * after '%' (an interface name on some host, so only its shape is checked).
     */
    private static boolean isIpv6(String text) {
        var address = text;
        int percent = address.indexOf('%');
        if (percent >= 0) {
            if (!ZONE.matcher(address.substring(percent + 1)).matches()) {
                return false;
            }
            address = address.substring(0, percent);
        }
        int tailGroups = 0;
        if (address.contains(".")) {
            int lastColon = address.lastIndexOf(':');
            if (!IPV4.matcher(address.substring(lastColon + 1)).matches()) {
                return false;
            }
            // The IPv4 tail stands for two groups: count one here and let a placeholder be the other.
            address = address.substring(0, lastColon + 1) + "0";
            tailGroups = 1;
        }
        int gap = address.indexOf("::");
        if (gap != address.lastIndexOf("::")) {
            return false;
        }
        if (gap < 0) {
            return groups(address) + tailGroups == 8;
        }
        int left = groups(address.substring(0, gap));
        int right = groups(address.substring(gap + 2));
        return left >= 0 && right >= 0 && left + right + tailGroups <= 7;
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
