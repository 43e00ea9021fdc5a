package io.opsline.monitoring.internal.series;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.opsline.monitoring.internal.MonitoringProperties;
import io.opsline.platform.Jdbc;

/**
 * Deletes samples older than {@code opsline.monitoring.sample-retention}, a whole block at a time:
 * a block goes once all its samples are older, so one holding samples on both sides of the cutoff
 * is kept until its latest is older too. As a block lies within one clock hour, a sample is kept
 * for at least the retention and at most an hour more (plus up to this job's ten minutes).
 * A chunk of blocks at a time, each its own transaction, so that no delete holds locks or grows
 * the transaction log for long while results keep being written; every node may run it
 * (PostgreSQL's chunks skip each other's rows).
 */
@Component
class SampleRetention {

    private static final Logger log = LoggerFactory.getLogger(SampleRetention.class);
    private static final int CHUNK = 5_000;

    private final SampleRepository samples;
    private final Duration retention;

    SampleRetention(SampleRepository samples, MonitoringProperties properties) {
        this.samples = samples;
        this.retention = properties.sampleRetention();
    }

    /** Every ten minutes, the first time ten minutes after start-up, which has more pressing work. */
    @Scheduled(initialDelay = 10, fixedDelay = 10, timeUnit = TimeUnit.MINUTES)
    void deleteExpired() {
        deleteTakenBefore(Jdbc.now().minus(retention));
    }

    /**
     * Deletes every block whose samples were all taken before {@code cutoff}, chunk by chunk;
     * returns how many blocks.
     */
    long deleteTakenBefore(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = samples.deleteOlderThan(cutoff, CHUNK);
            total += deleted;
        } while (deleted == CHUNK);
        if (total > 0) {
            log.info("Deleted {} blocks of check samples taken before {}", total, cutoff);
        }
        return total;
    }
}
