package io.opsline.metrics.internal.scrape;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.opsline.metrics.Labels;
import io.opsline.metrics.SeriesData;
import io.opsline.metrics.internal.MetricMetadata;
import io.opsline.metrics.internal.SeriesSource;
import io.opsline.metrics.internal.ingest.MetricFamily;
import io.opsline.metrics.internal.ingest.ExpositionException;
import io.opsline.metrics.internal.ingest.ExpositionParser;
import io.opsline.metrics.internal.ingest.IngestLimits;
import io.opsline.metrics.internal.ingest.ScrapedSample;
import io.opsline.metrics.internal.store.MetricStore;

/**
 * Scrapes one target at its interval on a virtual thread of its own, as Prometheus' scrape loop:
 * each scrape's samples and the synthetic series ({@code up}, {@code scrape_duration_seconds}, ...)
 * go to the store in one append; series gone since the scrape before, and all of them when the
 * target is down, get a staleness marker. It scrapes only while the node's lease on the target holds.
 */
final class ScrapeLoop implements Runnable {

    /** The NaN Prometheus writes to mark a series gone; queries leave series out from it on. */
    static final double STALE_MARKER = Double.longBitsToDouble(SeriesSource.STALE_NAN_BITS);
    private static final Logger log = LoggerFactory.getLogger(ScrapeLoop.class);
    private static final String[] REPORT_NAMES = {"up", "scrape_duration_seconds", "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling", "scrape_series_added"};

    private final ScrapeTarget target;
    private final String node;
    private final String source;
    private final MetricStore store;
    private final ScrapeClient client;
    private final ScrapeTargetRepository repository;
    private final HttpRequest request;
    private final ExpositionParser parser;
    private final ScrapeCache cache = new ScrapeCache();
    private final ScrapeClient.Body body = new ScrapeClient.Body();
    private final Labels targetLabels;
    private final Pattern[] keep;
    private final Pattern[] drop;
    private final SeriesData[] report = new SeriesData[REPORT_NAMES.length];
    private final List<SeriesData> batch = new ArrayList<>();
    private final List<SeriesData> gone = new ArrayList<>();

    /** The loop this one replaces after its target changed, until the first scrape has taken its series over. */
    private ScrapeLoop previous;
    /** The series the replaced loop wrote in its last scrape: those this loop's first scrape does not write go stale. */
    private List<Labels> handedOver = List.of();
    private volatile long leaseUntilMs;
    private volatile boolean stopped;
    private volatile boolean markStaleOnStop;
    private volatile Thread thread;
    /** The number of the scrape under way; the first is 2, so that entries never seen (0) never pass for seen in the one before. */
    private long scrape = 1;
    private long scrapeTime;
    private final MetricMetadata metadata;
    /** How late a scrape may start and still be stamped with the time it was due; 0 when it never is. */
    private final long toleranceMs;
    private int scraped;
    private int added;

    /** @param authorization the Authorization header the target wants, null for none */
    ScrapeLoop(ScrapeTarget target, String authorization, String node, MetricStore store, ScrapeClient client,
            ScrapeTargetRepository repository, IngestLimits limits, Duration timestampTolerance, MetricMetadata metadata) {
        this.target = target;
        this.metadata = metadata;
        var tolerance = timestampTolerance.toMillis();
        this.toleranceMs = target.intervalMs() >= 100 * tolerance ? tolerance : 0;
        this.node = node;
        this.source = "scrape:" + target.name();
        this.store = store;
        this.client = client;
        this.repository = repository;
        this.request = ScrapeClient.request(URI.create(target.url()), target.timeoutMs(), authorization);
        this.parser = new ExpositionParser(limits);
        this.targetLabels = Labels.of(target.labels());
        this.keep = target.keep().stream().map(Pattern::compile).toArray(Pattern[]::new);
        this.drop = target.drop().stream().map(Pattern::compile).toArray(Pattern[]::new);
        for (var i = 0; i < REPORT_NAMES.length; i++) {
            report[i] = new SeriesData(targetLabels.with(Labels.NAME, REPORT_NAMES[i]), new long[1], new double[1], 1);
        }
    }

    ScrapeTarget target() {
        return target;
    }

    ScrapeClient client() {
        return client;
    }

    /** The lease was renewed (or claimed) until this time; past it the loop scrapes no more. */
    void leaseUntil(long epochMs) {
        leaseUntilMs = epochMs;
    }

    void start() {
        thread = Thread.ofVirtual().name("scrape-" + target.name()).start(this);
    }

    /**
     * Starts in place of the loop of the target before it changed, which must be stopped without
     * staleness markers: series the change does not affect go on without a gap, and those it drops or
     * relabels get markers in this loop's first scrape, as Prometheus does on a reload.
     */
    void startReplacing(ScrapeLoop replaced) {
        previous = replaced;
        start();
    }

    /** The labels of the series the last scrape wrote, the synthetic ones included; call once the loop has ended. */
    private List<Labels> seriesOfLastScrape() {
        var series = new ArrayList<Labels>();
        cache.forEachSeenIn(scrape, entry -> series.add(entry.data.labels()));
        if (scrapeTime > 0) {
            for (var data : report) {
                series.add(data.labels());
            }
        }
        return series;
    }

    /**
     * Ends the loop after the scrape it is in, if any. With {@code markStale} (the target was deleted
     * or disabled) its series get staleness markers; without (another node scrapes it now) they do not.
     */
    void stop(boolean markStale) {
        markStaleOnStop = markStale;
        stopped = true;
        var running = thread;
        if (running != null) {
            LockSupport.unpark(running);
        }
    }

    boolean isRunning() {
        var running = thread;
        return !stopped && running != null && running.isAlive();
    }

    /** Waits for the loop to end, as a test or a shutdown does. */
    void join(long timeoutMs) throws InterruptedException {
        var running = thread;
        if (running != null) {
            running.join(timeoutMs);
        }
    }

    @Override
    public void run() {
        if (previous != null) {
            try {
                previous.join(previous.target.timeoutMs() + 1_000);
                handedOver = previous.seriesOfLastScrape();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            previous = null;
        }
        var interval = target.intervalMs();
        // Each target keeps its own phase within the interval, so that targets' scrapes spread out and
        // the node that takes a target over scrapes it at the same points in time.
        var offset = Math.floorMod((long) target.id().hashCode(), interval);
        var next = System.currentTimeMillis() / interval * interval + offset;
        if (next < System.currentTimeMillis()) {
            next += interval;
        }
        while (!stopped) {
            var wait = next - System.currentTimeMillis();
            if (wait > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(wait));
                continue;
            }
            if (System.currentTimeMillis() >= leaseUntilMs) {
                stopped = true;
                break;
            }
            try {
                scrapeOnce(next);
            } catch (RuntimeException e) {
                log.warn("Scraping {} failed unexpectedly", target.name(), e);
            }
            next += interval;
            var now = System.currentTimeMillis();
            if (next <= now) {
                next += (now - next) / interval * interval + interval;
            }
        }
        if (markStaleOnStop) {
            try {
                markAllStale(Math.max(System.currentTimeMillis(), scrapeTime + 1));
            } catch (RuntimeException e) {
                log.warn("Writing staleness markers for {} failed", target.name(), e);
            }
        }
    }

    /** One scrape, due at {@code dueMs}: fetch, parse, one append, health. */
    private void scrapeOnce(long dueMs) {
        scrape++;
        var now = System.currentTimeMillis();
        scrapeTime = now - dueMs <= toleranceMs ? dueMs : now;
        var started = System.nanoTime();
        batch.clear();
        scraped = 0;
        added = 0;
        String error = null;
        List<MetricFamily> families = List.of();
        try {
            client.fetch(request, target.timeoutMs(), body);
            families = parser.parse(body.bytes(), body.length(), body.format(), this::accept).families();
        } catch (ScrapeException e) {
            error = e.getMessage();
        } catch (ExpositionException e) {
            error = "invalid exposition text: " + e.getMessage();
        }
        var durationNanos = System.nanoTime() - started;
        var up = error == null;
        if (!up) {
            batch.clear();
            cache.undoScrape(scrape);
            scraped = 0;
            added = 0;
        }
        var kept = batch.size();
        cache.sweep(scrape, entry -> {
            entry.sample(scrapeTime, STALE_MARKER);
            batch.add(entry.data);
        });
        report(0, up ? 1 : 0);
        report(1, durationNanos / 1e9);
        report(2, scraped);
        report(3, kept);
        report(4, added);
        if (!handedOver.isEmpty()) {
            markHandedOverStale();
        }
        // Every family's description, those the target's filters drop included, as Prometheus keeps them;
        // before the samples, so that a metric that can be read can be described.
        metadata.record(families);
        var rejected = 0;
        String rejection = null;
        try {
            var result = store.append(source, batch);
            rejected = result.rejectedTotal();
            rejection = result.messages().isEmpty() ? null : result.messages().getFirst();
        } catch (RuntimeException e) {
            log.warn("Storing the scrape of {} failed", target.name(), e);
            error = (error == null ? "" : error + "; ") + "storing the samples failed: " + e.getMessage();
        }
        repository.recordScrape(target.id(), node, new ScrapeOutcome(Instant.ofEpochMilli(scrapeTime),
                durationNanos / 1_000_000, scraped, up, error, rejected, rejection));
        batch.clear();
    }

    /** Stale markers for the replaced loop's series that this first scrape did not write. */
    private void markHandedOverStale() {
        var written = new HashSet<Labels>();
        batch.forEach(data -> written.add(data.labels()));
        for (var labels : handedOver) {
            if (!written.contains(labels)) {
                batch.add(new SeriesData(labels, new long[] {scrapeTime}, new double[] {STALE_MARKER}, 1));
            }
        }
        handedOver = List.of();
    }

    private void report(int index, double value) {
        report[index].timestamps()[0] = scrapeTime;
        report[index].values()[0] = value;
        batch.add(report[index]);
    }

    private void accept(ScrapedSample sample) {
        scraped++;
        var entry = cache.find(sample);
        if (entry == null) {
            entry = cache.add(sample, labelsOf(sample.labels()));
            if (entry.data != null) {
                added++;
            }
        }
        entry.seenBefore = entry.seen;
        entry.seen = scrape;
        if (entry.data != null) {
            entry.timestamped = sample.hasTimestamp();
            entry.sample(sample.hasTimestamp() ? sample.timestampMs() : scrapeTime, sample.value());
            batch.add(entry.data);
        }
    }

    /**
     * A scraped series' labels as stored: the target's labels added, a scraped label that clashes with
     * one renamed {@code exported_<name>} (Prometheus' {@code honor_labels: false}); null when the
     * target's filters drop the metric.
     */
    Labels labelsOf(Labels scraped) {
        var name = scraped.metricName();
        if (!kept(name)) {
            return null;
        }
        Map<String, String> labels = new TreeMap<>(target.labels());
        for (var i = 0; i < scraped.size(); i++) {
            var label = scraped.name(i);
            if (!label.equals(Labels.NAME) && targetLabels.get(label) != null) {
                do {
                    label = "exported_" + label;
                } while (labels.containsKey(label) || targetLabels.get(label) != null);
            }
            labels.put(label, scraped.value(i));
        }
        return Labels.of(labels);
    }

    private boolean kept(String name) {
        if (name == null) {
            return false;
        }
        var keepIt = keep.length == 0;
        for (var pattern : keep) {
            keepIt |= pattern.matcher(name).matches();
        }
        for (var pattern : drop) {
            keepIt &= !pattern.matcher(name).matches();
        }
        return keepIt;
    }

    private void markAllStale(long time) {
        gone.clear();
        scrape++;
        cache.sweep(scrape, entry -> {
            entry.sample(time, STALE_MARKER);
            gone.add(entry.data);
        });
        for (var data : report) {
            data.timestamps()[0] = time;
            data.values()[0] = STALE_MARKER;
            gone.add(data);
        }
        store.append(source, gone);
    }
}
