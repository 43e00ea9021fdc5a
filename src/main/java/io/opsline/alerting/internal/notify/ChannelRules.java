package io.opsline.alerting.internal.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Violations;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** What a channel's settings must be: every problem reported at once, each naming its field. */
@Component
class ChannelRules {

    static final int MAX_NAME = 100;
    private static final int MAX_URL = 2000;
    private static final int MAX_ADDRESS = 320;
    private static final int MAX_RECIPIENTS = 50;
    private static final int MIN_SECRET = 16;

    /** Throws an {@link InvalidInputException} naming each recipient that is no plain e-mail address. */
    void checkRecipients(List<String> recipients) {
        var violations = new Violations();
        addresses(violations, "recipients", recipients);
        violations.throwIfAny("Invalid recipients");
    }

    ChannelKind kind(Violations violations, String text) {
        if (text == null || text.isBlank()) {
            violations.add("kind", "is required: one of email, webhook, slack, teams");
            return null;
        }
        try {
            return ChannelKind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add("kind", "unknown kind '%s': use one of email, webhook, slack, teams".formatted(text));
            return null;
        }
    }

    SmtpSecurity security(Violations violations, String text) {
        if (text == null || text.isBlank()) {
            return SmtpSecurity.STARTTLS;
        }
        try {
            return SmtpSecurity.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add("smtpSecurity", "unknown value '%s': use one of none, starttls, tls".formatted(text));
            return null;
        }
    }

    Integer port(Violations violations, Integer port, SmtpSecurity security) {
        if (port == null) {
            return security == null ? null : security.defaultPort();
        }
        if (port < 1 || port > 65535) {
            violations.add("smtpPort", "must be between 1 and 65535");
        }
        return port;
    }

    String host(Violations violations, String text) {
        var host = violations.required("smtpHost", text, 255);
        if (host != null && !host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
            violations.add("smtpHost", "must be a host name or address, nothing else");
        }
        return host;
    }

    /** An absolute http or https URL with a host; null when absent (a violation when {@code required}). */
    URI url(Violations violations, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                violations.add("url", "is required");
            }
            return null;
        }
        var trimmed = text.strip();
        if (trimmed.length() > MAX_URL) {
            violations.add("url", "must be at most %d characters".formatted(MAX_URL));
            return null;
        }
        try {
            var uri = new URI(trimmed);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                violations.add("url", "must be an http or https URL with a host");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            violations.add("url", "is not a valid URL: " + e.getReason());
            return null;
        }
    }

    String secret(Violations violations, String text) {
        if (text == null) {
            return null;
        }
        if (text.length() < MIN_SECRET || text.length() > 200 || text.isBlank()) {
            violations.add("secret", "must have %d to 200 characters".formatted(MIN_SECRET));
        }
        return text;
    }

    String address(Violations violations, String field, String text) {
        var address = violations.required(field, text, MAX_ADDRESS);
        if (address != null && !isAddress(address)) {
            violations.add(field, "'%s' is not an e-mail address".formatted(address));
        }
        return address;
    }

    List<String> addresses(Violations violations, String field, List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_RECIPIENTS) {
            violations.add(field, "may name at most %d addresses".formatted(MAX_RECIPIENTS));
            return List.of();
        }
        var addresses = new ArrayList<String>();
        for (var text : given) {
            var address = text == null ? "" : text.strip();
            if (!isAddress(address)) {
                violations.add(field, "'%s' is not an e-mail address".formatted(address));
            } else {
                addresses.add(address);
            }
        }
        return List.copyOf(addresses);
    }

    /** A bare address (no display name, no list), as RFC 822 strictly reads it. */
    static boolean isAddress(String text) {
        if (text.isEmpty() || text.length() > MAX_ADDRESS || text.contains(",") || !text.contains("@")) {
            return false;
        }
        try {
            var address = new InternetAddress(text, true);
            address.validate();
            return text.equals(address.getAddress()) && address.getPersonal() == null;
        } catch (AddressException e) {
            return false;
        }
    }

    /** Scheme and host only, e.g. {@code https://hooks.slack.com/…}: enough to recognise, nothing to use. */
    static String hint(URI url) {
        var port = url.getPort() == -1 ? "" : ":" + url.getPort();
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + port + "/…";
    }
}
