package io.opsline.metrics.internal.ingest;

/**
 * Receives the samples of a scrape body as they are parsed. The {@link ScrapedSample} is one object
 * reused for every line: read what you need during the call, never keep it. Samples are tentative
 * until {@link ExpositionParser#parse} returns; when it throws, drop those already received.
 */
@FunctionalInterface
public interface ExpositionSink {

    void accept(ScrapedSample sample);
}
