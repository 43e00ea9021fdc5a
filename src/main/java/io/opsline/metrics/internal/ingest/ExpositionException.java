package io.opsline.metrics.internal.ingest;

/**
 * A scrape body that is not valid exposition text. The whole scrape is refused, as Prometheus does:
 * samples a sink received before the bad line must be discarded by it.
 */
public final class ExpositionException extends RuntimeException {

    private final int line;

    ExpositionException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** The line the problem is on, the first being 1. */
    public int line() {
        return line;
    }
}
