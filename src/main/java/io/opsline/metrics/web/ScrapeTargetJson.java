package io.opsline.metrics.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.opsline.metrics.internal.scrape.PrometheusDurations;
import io.opsline.metrics.internal.scrape.ScrapeHealth;
import io.opsline.metrics.internal.scrape.ScrapeTarget;

/** A scrape target over REST: durations as Prometheus writes them, health beside the configuration. */
record ScrapeTargetJson(UUID id, String name, String url, String interval, String timeout,
        Map<String, String> labels, List<String> keep, List<String> drop, boolean enabled, long version,
        Instant createdAt, Instant updatedAt, ScrapeHealth health) {

    static ScrapeTargetJson of(ScrapeTarget target) {
        return new ScrapeTargetJson(target.id(), target.name(), target.url(),
                PrometheusDurations.format(target.intervalMs()), PrometheusDurations.format(target.timeoutMs()),
                target.labels(), target.keep(), target.drop(), target.enabled(), target.version(),
                target.createdAt(), target.updatedAt(), target.health());
    }
}
