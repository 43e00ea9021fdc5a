package io.opsline.metrics.internal.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the store's flushes and maintenance on every node, at the intervals the settings give. */
@Component
class StoreJobs {

    private static final Logger log = LoggerFactory.getLogger(StoreJobs.class);

    private final MetricStore store;

    StoreJobs(MetricStore store) {
        this.store = store;
    }

    @Scheduled(fixedDelayString = "${opsline.metrics.flush-interval:15s}")
    void flush() {
        if (!store.isRunning()) {
            return;
        }
        try {
            store.flush();
        } catch (DataAccessException e) {
            log.warn("Flushing metrics failed; the samples stay in memory and in the write-ahead rows: {}",
                    e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${opsline.metrics.maintenance-interval:1m}",
            initialDelayString = "${opsline.metrics.maintenance-interval:1m}")
    void maintain() {
        if (!store.isRunning()) {
            return;
        }
        try {
            store.maintain();
        } catch (DataAccessException e) {
            log.warn("Metrics maintenance failed; the next run tries again: {}", e.getMessage());
        }
    }
}
