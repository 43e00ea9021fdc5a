package io.opsline.metrics.internal.scrape;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.opsline.platform.Secrets;
import io.opsline.platform.Violations;

/**
 * Checks how a target is to be reached (authentication and TLS) and seals its secrets: a password,
 * token or client key sent back as {@link Secrets#MASK} keeps the stored one.
 */
final class ScrapeAccessRules {

    private static final int MAX_USERNAME = 200;
    private static final int MAX_SECRET = 4000;
    private static final int MAX_PEM = 64 * 1024;

    /** Access as validated, with the password or token and the client key sealed (null when there are none). */
    record Valid(ScrapeAccess access, String sealedSecret, String sealedClientKey) {
    }

    private final ScrapeTargetRepository targets;
    private final Secrets secrets;

    ScrapeAccessRules(ScrapeTargetRepository targets, Secrets secrets) {
        this.targets = targets;
        this.secrets = secrets;
    }

    /**
     * @param url the target's URL, null when it is not valid itself
     * @param id the target being changed, null for a new one
     * @return null when a violation was added
     */
    Valid validate(ScrapeTargetInput input, URI url, UUID id, Violations violations) {
        var auth = auth(input, violations);
        var secret = secret(input, auth, id, violations);
        var https = url == null || url.getScheme().equalsIgnoreCase("https");
        var ca = serverCheck(input, https, violations);
        var clientCertificate = pem(input.clientCertificate());
        var clientKey = clientKey(input, clientCertificate, https, id, violations);
        if (!violations.isEmpty()) {
            return null;
        }
        var access = new ScrapeAccess(auth, auth == ScrapeAccess.Auth.BASIC ? input.username().strip() : null,
                secret != null, ca, Boolean.TRUE.equals(input.insecureSkipVerify()), clientCertificate,
                clientKey != null);
        return new Valid(access, secret, clientKey);
    }

    private static ScrapeAccess.Auth auth(ScrapeTargetInput input, Violations violations) {
        var auth = ScrapeAccess.Auth.NONE;
        if (!blank(input.auth())) {
            try {
                auth = ScrapeAccess.Auth.valueOf(input.auth().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add("auth", "must be none, basic or bearer");
                return auth;
            }
        }
        var username = input.username();
        if (auth == ScrapeAccess.Auth.BASIC) {
            if (blank(username)) {
                violations.add("username", "is required for basic auth");
            } else if (username.strip().length() > MAX_USERNAME) {
                violations.add("username", "must be at most " + MAX_USERNAME + " characters");
            } else if (username.contains(":")) {
                violations.add("username", "must not contain a colon: basic auth puts one between user and password");
            }
        } else if (!blank(username)) {
            violations.add("username", "is used with basic auth only");
        }
        if (auth != ScrapeAccess.Auth.BASIC && !blank(input.password())) {
            violations.add("password", "is used with basic auth only");
        }
        if (auth != ScrapeAccess.Auth.BEARER && !blank(input.bearerToken())) {
            violations.add("bearerToken", "is used with bearer auth only");
        }
        return auth;
    }

    /**
     * The password or token sealed: the one given, or the stored one when it is sent back masked and
     * the target authenticates the same way as before. Null when the target has none.
     */
    private String secret(ScrapeTargetInput input, ScrapeAccess.Auth auth, UUID id, Violations violations) {
        if (auth == ScrapeAccess.Auth.NONE) {
            return null;
        }
        var basic = auth == ScrapeAccess.Auth.BASIC;
        var field = basic ? "password" : "bearerToken";
        var given = basic ? input.password() : input.bearerToken();
        var kind = auth.shownName();
        if (Secrets.MASK.equals(given)) {
            var stored = id == null ? null : targets.storedSecret(id, auth);
            if (stored == null) {
                violations.add(field, "is required: none is stored for " + kind + " auth to keep");
            }
            return stored;
        }
        if (given == null || given.isEmpty()) {
            violations.add(field, "is required for " + kind + " auth");
        } else if (given.length() > MAX_SECRET) {
            violations.add(field, "must be at most " + MAX_SECRET + " characters");
        } else if (given.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            violations.add(field, "must be one line without control characters");
        } else {
            return secrets.seal(given);
        }
        return null;
    }

    /** How the server's certificate is checked: the CA certificate given (PEM), or null. */
    private static String serverCheck(ScrapeTargetInput input, boolean https, Violations violations) {
        var ca = pem(input.caCertificate());
        var skip = Boolean.TRUE.equals(input.insecureSkipVerify());
        if (skip && !https) {
            violations.add("insecureSkipVerify", "applies to https URLs only");
        } else if (skip && ca != null) {
            violations.add("insecureSkipVerify", "cannot be combined with a CA certificate: check the server"
                    + " against the certificate, or check nothing");
        }
        if (ca != null && certificates("caCertificate", ca, https, violations) == null) {
            return null;
        }
        return ca;
    }

    /**
     * The client key sealed: the one given, or the stored one sent back masked; checked against the
     * client certificate, which must come with it. Null when there is none.
     */
    private String clientKey(ScrapeTargetInput input, String certificate, boolean https, UUID id,
            Violations violations) {
        var given = input.clientKey();
        var masked = Secrets.MASK.equals(given);
        var stored = masked && id != null ? targets.storedClientKey(id) : null;
        if (masked && stored == null) {
            violations.add("clientKey", "is required: none is stored to keep");
            return null;
        }
        String key;
        try {
            key = masked ? secrets.open(stored) : pem(given);
        } catch (IllegalArgumentException e) {
            violations.add("clientKey", "the stored key cannot be opened with this node's secret key; enter it again");
            return null;
        }
        if (certificate == null && key == null) {
            return null;
        }
        if (certificate == null) {
            violations.add("clientCertificate", "is required with a client key");
            return null;
        }
        if (key == null) {
            violations.add("clientKey", "is required with a client certificate");
            return null;
        }
        var chain = certificates("clientCertificate", certificate, https, violations);
        if (key.length() > MAX_PEM) {
            violations.add("clientKey", "must be at most " + MAX_PEM + " characters");
            return null;
        }
        try {
            var privateKey = ScrapeTls.privateKey(key);
            if (chain != null && !ScrapeTls.belongTogether(chain.getFirst(), privateKey)) {
                violations.add("clientKey", "is not the key of the client certificate");
            }
        } catch (IllegalArgumentException e) {
            violations.add("clientKey", e.getMessage());
            return null;
        }
        return masked ? stored : secrets.seal(key);
    }

    /** The certificates in a field's PEM text, or null with a violation. */
    private static List<X509Certificate> certificates(String field, String pem,
            boolean https, Violations violations) {
        if (!https) {
            violations.add(field, "applies to https URLs only");
            return null;
        }
        if (pem.length() > MAX_PEM) {
            violations.add(field, "must be at most " + MAX_PEM + " characters");
            return null;
        }
        try {
            return ScrapeTls.certificates(pem);
        } catch (IllegalArgumentException e) {
            violations.add(field, e.getMessage());
            return null;
        }
    }

    private static String pem(String text) {
        return blank(text) ? null : text.strip();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
