package io.opsline.metrics.internal.scrape;

import java.util.List;
import java.util.Map;

/**
 * A scrape target as a client or form sends it: durations as Prometheus writes them ({@code 15s},
 * {@code 1m}, {@code 500ms}); blank ones take their defaults. {@code version} is required for a change.
 *
 * @param auth {@code none} (the default), {@code basic} with {@code username} and {@code password},
 *        or {@code bearer} with {@code bearerToken}; a password or token sent back as
 *        {@link io.opsline.platform.Secrets#MASK} keeps the stored one
 * @param caCertificate PEM certificates to trust for an https target instead of the JDK's
 * @param insecureSkipVerify for an https target, accept any certificate for any host name
 * @param clientCertificate PEM certificate (with its chain) to show an https target that asks for one
 * @param clientKey its private key, PEM (PKCS #8); as {@link io.opsline.platform.Secrets#MASK} it keeps the stored one
 */
public record ScrapeTargetInput(Long version, String name, String url, String interval, String timeout,
        Map<String, String> labels, List<String> keep, List<String> drop, Boolean enabled, String auth,
        String username, String password, String bearerToken, String caCertificate, Boolean insecureSkipVerify,
        String clientCertificate, String clientKey) {

    /** A target reached without credentials, with the JDK's certificate checks. */
    public ScrapeTargetInput(Long version, String name, String url, String interval, String timeout,
            Map<String, String> labels, List<String> keep, List<String> drop, Boolean enabled) {
        this(version, name, url, interval, timeout, labels, keep, drop, enabled, null, null, null, null, null, null,
                null, null);
    }
}
