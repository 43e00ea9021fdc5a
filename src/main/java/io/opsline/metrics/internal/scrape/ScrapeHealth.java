package io.opsline.metrics.internal.scrape;

import java.time.Instant;

/**
 * How a target's scraping went: its last scrape (null fields before the first), and the samples the
 * store refused over all its scrapes.
 *
 * @param up whether the last scrape succeeded; null before the first
 * @param lastError why the last scrape failed, or what went wrong storing it; null when nothing did
 * @param rejectedTotal samples the store refused (out of order, over the series limit) since the target was made
 * @param lastRejection the store's reason for the latest refusal
 * @param node the node scraping it now, while its lease holds
 */
public record ScrapeHealth(Instant lastScrapeAt, Long lastDurationMs, Integer lastSamples, Boolean up,
        String lastError, long rejectedTotal, String lastRejection, String node) {

    /** Problems first: down, then failing otherwise, then not scraped yet, then up. */
    public int urgency() {
        if (Boolean.FALSE.equals(up)) {
            return 0;
        }
        if (lastError != null || lastRejection != null) {
            return 1;
        }
        return up == null ? 2 : 3;
    }
}
