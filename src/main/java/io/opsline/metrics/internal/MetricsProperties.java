package io.opsline.metrics.internal;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Metrics settings.
 *
 * @param maxSeriesPerSource how many series one source (a scrape target, a remote-write client,
 *        monitoring) may create; samples of further new series are refused, those of its existing
 *        series are still taken
 * @param flushInterval how often each node writes the samples it holds in memory as chunks and
 *        deletes the write-ahead rows they came in
 * @param blockDuration the time blocks that samples are grouped in: a chunk never spans two, and a
 *        closed block's chunks of a series are merged into one
 * @param lease how long a node's claim holds without renewal: its write-ahead rows (another node
 *        turns them into chunks when the claim runs out, as after a crash) and a block it compacts
 * @param maintenanceInterval how often each node looks for closed blocks to compact, write-ahead rows
 *        of dead nodes to recover and chunks past retention to delete
 * @param retention how long samples are kept, per resolution
 * @param query how PromQL queries are evaluated and what they may cost
 * @param ingest what one scrape or remote-write request may hold
 * @param ruleInterval how often threshold rules are evaluated (by the one node that holds their claim)
 * @param ruleLease how long that node's claim on evaluating rules holds without renewal; another node
 *        takes over when it runs out, as after a crash
 * @param scrape how Prometheus scrape targets are scraped
 */
@Validated
@ConfigurationProperties("opsline.metrics")
public record MetricsProperties(
        @DefaultValue("100000") @Min(1) int maxSeriesPerSource,
        @DefaultValue("15s") @NotNull Duration flushInterval,
        @DefaultValue("2h") @NotNull Duration blockDuration,
        @DefaultValue("1m") @NotNull Duration lease,
        @DefaultValue("1m") @NotNull Duration maintenanceInterval,
        @DefaultValue @NotNull @Valid Retention retention,
        @DefaultValue @NotNull @Valid Query query,
        @DefaultValue @NotNull @Valid Ingest ingest,
        @DefaultValue("15s") @NotNull Duration ruleInterval,
        @DefaultValue("1m") @NotNull Duration ruleLease,
        @DefaultValue @NotNull @Valid Scrape scrape) {

    /**
     * @param lookbackDelta how far back an instant selector looks for a sample
     * @param maxPoints the most steps a range query may have
     * @param maxSeries the most series one query may read
     * @param timeout how long one query may take
     * @param closedWindows whether a range window {@code [t - r, t]} includes its oldest edge, as Prometheus 2
     *        does (true), or not, as Prometheus 3 does (false)
     */
    public record Query(@DefaultValue("5m") @NotNull Duration lookbackDelta,
            @DefaultValue("11000") @Min(1) int maxPoints,
            @DefaultValue("100000") @Min(1) int maxSeries,
            @DefaultValue("2m") @NotNull Duration timeout,
            @DefaultValue("true") boolean closedWindows) {
    }

    /**
     * @param maxLabelValueLength characters in one label value
     * @param maxLabelsPerSeries labels of one series, its name not counted
     * @param maxRemoteWriteBytes bytes of a remote-write body as it arrives (compressed)
     * @param maxRemoteWriteDecompressedBytes bytes of a remote-write body once decompressed
     */
    public record Ingest(@DefaultValue("2048") @Min(1) int maxLabelValueLength,
            @DefaultValue("64") @Min(1) int maxLabelsPerSeries,
            @DefaultValue("8MB") @NotNull DataSize maxRemoteWriteBytes,
            @DefaultValue("32MB") @NotNull DataSize maxRemoteWriteDecompressedBytes) {
    }

    /**
     * How long samples are kept at each resolution; a rollup kept for zero is not made at all.
     *
     * @param raw samples as they came; older chunks are deleted
     * @param fiveMinutes the 5-minute rollups (last, minimum, maximum, sum and count per bucket)
     * @param oneHour the 1-hour rollups
     */
    public record Retention(@DefaultValue("15d") @NotNull Duration raw,
            @DefaultValue("90d") @NotNull Duration fiveMinutes,
            @DefaultValue("730d") @NotNull Duration oneHour) {

        @AssertTrue(message = "opsline.metrics.retention values must not be negative")
        boolean isNotNegative() {
            return raw == null || fiveMinutes == null || oneHour == null
                    || !raw.isNegative() && !fiveMinutes.isNegative() && !oneHour.isNegative();
        }
    }

    /** A resolution samples are rolled up to as their blocks are compacted, and how long it is kept. */
    public record Rollup(Duration resolution, Duration retention) {
    }

    /**
     * The rollups kept, finest first: those with a retention and no wider than a block. A block
     * shorter than a bucket would have a row per block holding a piece of one bucket, as many rows
     * as the raw chunks and no fewer to read.
     */
    public List<Rollup> rollups() {
        return Stream.of(new Rollup(Duration.ofMinutes(5), retention.fiveMinutes()),
                new Rollup(Duration.ofHours(1), retention.oneHour())).filter(rollup -> rollup.retention().isPositive())
                .filter(rollup -> rollup.resolution().compareTo(blockDuration) <= 0).toList();
    }

    /**
     * @param lease how long a node's claim on a target holds without renewal; a dead node's targets
     *        are scraped again by another this long after its last renewal at most
     * @param claimInterval how often each node renews its leases, claims targets nobody holds and
     *        picks up changed targets; well under the lease, so that a live node never loses one
     * @param bodySizeLimit the most bytes a scrape answer may have, decompressed; a larger one fails
     *        the scrape
     * @param timestampTolerance how late a scrape may start and still have its samples stamped with
     *        the time it was due, as Prometheus' {@code --scrape.timestamp-tolerance} does: evenly spaced
     *        times cost a bit per sample in a chunk rather than two bytes. Only for intervals of at
     *        least a hundred times this; 0 stamps every scrape with the time it started.
     */
    public record Scrape(
            @DefaultValue("30s") @NotNull Duration lease,
            @DefaultValue("5s") @NotNull Duration claimInterval,
            @DefaultValue("16MB") @NotNull DataSize bodySizeLimit,
            @DefaultValue("10ms") @NotNull Duration timestampTolerance) {

        @AssertTrue(message = "opsline.metrics.scrape.lease must be at least three claim intervals")
        boolean isLeaseLongerThanClaims() {
            return lease == null || claimInterval == null || claimInterval.isPositive()
                    && lease.compareTo(claimInterval.multipliedBy(3)) >= 0;
        }
    }

    /** Blocks are whole minutes so that their boundaries fall on the same instants on every node. */
    @AssertTrue(message = "opsline.metrics.block-duration must be a whole number of minutes, at least one")
    boolean isBlockDurationWholeMinutes() {
        return blockDuration == null
                || blockDuration.compareTo(Duration.ofMinutes(1)) >= 0 && blockDuration.toMillis() % 60_000 == 0;
    }

    /** A node that misses a flush or two must not be taken for dead and have its write-ahead rows recovered. */
    @AssertTrue(message = "opsline.metrics.lease must be at least three flush intervals")
    boolean isLeaseLongerThanFlushes() {
        return lease == null || flushInterval == null || lease.compareTo(flushInterval.multipliedBy(3)) >= 0;
    }

    @AssertTrue(message = "opsline.metrics.flush-interval must be positive")
    boolean isFlushIntervalPositive() {
        return flushInterval == null || flushInterval.isPositive();
    }

    /** The node evaluating rules renews its claim each round: a round or two late must not lose it. */
    @AssertTrue(message = "opsline.metrics.rule-lease must be at least three rule intervals, and the interval positive")
    boolean isRuleLeaseLongerThanIntervals() {
        return ruleLease == null || ruleInterval == null
                || ruleInterval.isPositive() && ruleLease.compareTo(ruleInterval.multipliedBy(3)) >= 0;
    }
}
