package io.opsline.metrics.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opsline.metrics.internal.scrape.PrometheusDurations;
import io.opsline.metrics.internal.scrape.ScrapeHealth;
import io.opsline.metrics.internal.scrape.ScrapeTarget;
import io.opsline.platform.Secrets;

/**
 * A scrape target over REST: durations as Prometheus writes them, health beside the configuration.
 * A stored password, token or client key reads as {@value Secrets#MASK}; sent back so, it is kept.
 */
record ScrapeTargetJson(UUID id, String name, String url, String interval, String timeout,
        Map<String, String> labels, List<String> keep, List<String> drop, String auth, String username,
        String password, String bearerToken, String caCertificate, boolean insecureSkipVerify,
        String clientCertificate, String clientKey, boolean enabled, long version, Instant createdAt,
        Instant updatedAt, ScrapeHealth health) {

    static ScrapeTargetJson of(ScrapeTarget target) {
        var access = target.access();
        return new ScrapeTargetJson(target.id(), target.name(), target.url(),
                PrometheusDurations.format(target.intervalMs()), PrometheusDurations.format(target.timeoutMs()),
                target.labels(), target.keep(), target.drop(), access.authName(),
                access.username(), access.shownPassword(), access.shownBearerToken(), access.caCertificate(),
                access.insecureSkipVerify(), access.clientCertificate(), access.shownClientKey(),
                target.enabled(), target.version(), target.createdAt(), target.updatedAt(), target.health());
    }
}
