package io.opsline.metrics.internal.scrape;

/** A scrape that failed, with the reason as an operator reads it on the target. */
final class ScrapeException extends RuntimeException {

    ScrapeException(String message) {
        super(message, null, false, false);
    }
}
