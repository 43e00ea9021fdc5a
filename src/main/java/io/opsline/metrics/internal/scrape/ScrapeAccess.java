package io.opsline.metrics.internal.scrape;

import java.util.Locale;

import io.opsline.platform.Secrets;

/**
 * How a scrape reaches its target beyond the URL: HTTP authentication, and for https which server
 * certificates it accepts. The password or token itself is never part of it, only whether one is
 * stored, so that it cannot end up in an answer or an audit record.
 *
 * @param username the basic auth user; null otherwise
 * @param secretSet whether a password (basic) or token (bearer) is stored
 * @param caCertificate PEM text of the certificates to trust instead of the JDK's; null for the JDK's
 * @param insecureSkipVerify accept any server certificate for any host name, as Prometheus'
 *        {@code insecure_skip_verify}
 * @param clientCertificate PEM of the certificate (and its chain) shown to a server that asks for one
 * @param clientKeySet whether the client certificate's private key is stored
 */
public record ScrapeAccess(Auth auth, String username, boolean secretSet, String caCertificate,
        boolean insecureSkipVerify, String clientCertificate, boolean clientKeySet) {

    public enum Auth {
        NONE, BASIC, BEARER;

        /** As the API, the form and their messages name it: none, basic or bearer. */
        public String shownName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The authentication as the API and the form name it. */
    public String authName() {
        return auth.shownName();
    }

    /** The password as shown: the mask when one is stored for basic auth, else null. */
    public String shownPassword() {
        return auth == Auth.BASIC && secretSet ? Secrets.MASK : null;
    }

    /** The bearer token as shown: the mask when one is stored, else null. */
    public String shownBearerToken() {
        return auth == Auth.BEARER && secretSet ? Secrets.MASK : null;
    }

    /** The client key as shown: the mask when one is stored, else null. */
    public String shownClientKey() {
        return clientKeySet ? Secrets.MASK : null;
    }

    /**
     * What the HTTP client of this target's scrapes must be like: targets alike share one. Redirects
     * are not followed for a target with credentials: the JDK's client would send them on to wherever
     * the target points.
     *
     * @param clientKey the client certificate's private key, PEM, opened; null without one
     */
    ScrapeClient.Settings clientSettings(String clientKey) {
        return new ScrapeClient.Settings(caCertificate, insecureSkipVerify, clientCertificate, clientKey,
                auth == Auth.NONE && clientCertificate == null);
    }
}
