package io.opsline.alerting.internal.intake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.opsline.alerting.CiHint;

/**
 * Host names and IP address literals recognised by their text alone. Nothing here asks DNS:
 * {@code InetAddress.getByName} would resolve anything that is not a literal, and an intake that
 * blocks on lookups for every event is one a flood of events can stall.
 */
final class Hosts {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private Hosts() {
    }

    /** An IPv4 dotted quad (no leading zeros, which some parsers read as octal) or an IPv6 literal. */
    static boolean isIpLiteral(String text) {
        if (text == null) {
            return false;
        }
        return text.contains(":") ? isIpv6(text) : IPV4.matcher(text).matches();
    }

    /** An RFC 1123 host name (underscores tolerated, as real networks have them), at most 253 characters. */
    static boolean isHostName(String text) {
        if (text == null || text.isEmpty() || text.length() > 253 || DOTTED_NUMBERS.matcher(text).matches()) {
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

    /**
     * The host in an address as scrapers and probes write it: {@code web01:9100},
     * {@code 10.0.0.5:9100}, {@code [2001:db8::1]:9100}, a bare {@code 2001:db8::1}, or a URL
     * ({@code https://shop.example.org/health}, a blackbox probe's target); lower case. Null when
     * the text holds neither a host name nor an IP literal.
     */
    static String hostOf(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        var text = address.strip();
        String host;
        if (text.contains("://")) {
            host = hostOfUrl(text);
        } else if (text.startsWith("[")) {
            int close = text.indexOf(']');
            var rest = close < 0 ? null : text.substring(close + 1);
            host = rest != null && (rest.isEmpty() || rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())
                    ? text.substring(1, close) : null;
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            int colon = text.indexOf(':');
            host = PORT.matcher(text.substring(colon + 1)).matches() ? text.substring(0, colon) : null;
        } else {
            // No colon, or several: a bare IPv6 literal, which carries no port without brackets.
            host = text;
        }
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        return isIpLiteral(host) || isHostName(host) ? host : null;
    }

    /**
     * What a sender's host tells the intake about the CI: an IP literal is an address, a host name
     * a host name; anything else (a free text "source") says nothing.
     */
    static CiHint hint(UUID ciId, String host) {
        var found = hostOf(host);
        if (found == null) {
            return ciId == null ? CiHint.NONE : CiHint.of(ciId);
        }
        return isIpLiteral(found) ? new CiHint(ciId, null, found) : new CiHint(ciId, found, null);
    }

    private static String hostOfUrl(String text) {
        try {
            var host = new URI(text).getHost();
            if (host != null && host.startsWith("[") && host.endsWith("]")) {
                return host.substring(1, host.length() - 1);
            }
            return host;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * An IPv6 literal in RFC 4291 text form: eight groups of up to four hex digits, one "::"
     * standing for one or more zero groups, an optional dotted IPv4 tail, and an optional zone
     * after '%' (an interface name on the sender's host, so only its shape is checked).
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
