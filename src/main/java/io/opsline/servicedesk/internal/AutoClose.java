package io.opsline.servicedesk.internal;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Closes resolved incidents nobody reopened within {@code opsline.servicedesk.auto-close-after}, each minute. */
@Component
class AutoClose {

    private static final Logger log = LoggerFactory.getLogger(AutoClose.class);

    private final Incidents incidents;

    AutoClose(Incidents incidents) {
        this.incidents = incidents;
    }

    @Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
    void closeLongResolved() {
        var closed = incidents.closeLongResolved();
        if (closed > 0) {
            log.info("Closed {} incidents resolved longer ago than the auto-close time", closed);
        }
    }
}
