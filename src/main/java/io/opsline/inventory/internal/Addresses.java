package io.opsline.inventory.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Recognises IP address literals and host names without ever asking DNS. */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]+(%[a-z0-9]+)?");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    private Addresses() {
    }

    /** True for an IPv4 or IPv6 literal or an RFC 1123 host name (underscores tolerated); expects lower case. */
    static boolean valid(String address) {
        if (address.isEmpty() || address.length() > 253) {
            return false;
        }
        if (address.contains(":")) {
            // The zone (after '%') names an interface of the CI's host, not of this machine: parse without it.
            return IPV6_CHARS.matcher(address).matches() && isInetLiteral(address.replaceFirst("%.*", ""));
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

    private static boolean isInetLiteral(String text) {
        try {
            // Only reached for text made of hex digits and colons, which Java parses as a literal, never via DNS.
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
