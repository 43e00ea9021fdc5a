package io.opsline.alerting.internal.intake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.opsline.alerting.CiHint;
import io.opsline.platform.HostAddresses;

/**
 * The host a sender's address names, recognised by its text alone ({@link HostAddresses}: no DNS
 * lookups, which a flood of events would turn into a stalled intake).
 */
final class Hosts {

    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private Hosts() {
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
        return HostAddresses.isIpLiteral(host) || HostAddresses.isHostName(host) ? host : null;
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
        return HostAddresses.isIpLiteral(found) ? new CiHint(ciId, null, found) : new CiHint(ciId, found, null);
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
}
