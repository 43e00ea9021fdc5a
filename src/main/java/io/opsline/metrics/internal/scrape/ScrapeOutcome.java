package io.opsline.metrics.internal.scrape;

import java.time.Instant;

/**
 * One scrape's result as recorded on its target.
 *
 * @param samples samples the target answered with, before filtering
 * @param rejected samples the store refused
 * @param rejection the store's first reason for refusing, null when it refused none
 */
record ScrapeOutcome(Instant at, long durationMs, int samples, boolean up, String error, int rejected,
        String rejection) {
}
