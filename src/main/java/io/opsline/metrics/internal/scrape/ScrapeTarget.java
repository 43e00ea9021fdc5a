package io.opsline.metrics.internal.scrape;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Prometheus endpoint Opsline scrapes, as configured, with how its last scrape went.
 *
 * @param labels the labels added to every series scraped from it, job and instance included
 * @param keep regular expressions over metric names: when there are any, only names one matches are kept
 * @param drop regular expressions over metric names: names one matches are left out
 * @param access how the scrape authenticates and checks the server's certificate
 */
public record ScrapeTarget(UUID id, String name, String url, long intervalMs, long timeoutMs,
        Map<String, String> labels, List<String> keep, List<String> drop, ScrapeAccess access, boolean enabled,
        long version,
        Instant createdAt, Instant updatedAt, ScrapeHealth health) {

    public ScrapeTarget {
        labels = Map.copyOf(labels);
        keep = List.copyOf(keep);
        drop = List.copyOf(drop);
    }

    /** The labels job and instance take when not configured: the target's name, and host:port of its url. */
    static Map<String, String> defaultLabels(String name, URI url) {
        var port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        var host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]"
                : url.getHost();
        return Map.of("job", name, "instance", host + ":" + port);
    }
}
