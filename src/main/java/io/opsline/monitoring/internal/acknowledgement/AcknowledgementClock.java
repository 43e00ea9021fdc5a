package io.opsline.monitoring.internal.acknowledgement;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.opsline.monitoring.internal.MonitoringProperties;
import io.opsline.monitoring.internal.Wording;
import io.opsline.platform.Jdbc;

/**
 * Every refresh interval, on every node: ends the acknowledgements that have expired (each once,
 * by whichever node deletes it) and reloads the in-memory ones, to see what other nodes changed.
 */
@Component
class AcknowledgementClock implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AcknowledgementClock.class);

    private final AcknowledgementRepository repository;
    private final Acknowledgements acknowledgements;
    private final AcknowledgementCache cache;
    private final Duration interval;

    AcknowledgementClock(AcknowledgementRepository repository, Acknowledgements acknowledgements,
            AcknowledgementCache cache, MonitoringProperties properties) {
        this.repository = repository;
        this.acknowledgements = acknowledgements;
        this.cache = cache;
        this.interval = properties.refreshInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::tick, interval, interval));
    }

    void tick() {
        try {
            expire(Jdbc.now());
            cache.refresh();
        } catch (DataAccessException e) {
            log.warn("Could not bring acknowledgements up to date; trying again in {}: {}",
                    Wording.duration(interval), Wording.rootCause(e));
        }
    }

    /** Ends every acknowledgement expired at {@code now}; returns how many this call ended. */
    int expire(Instant now) {
        int ended = 0;
        for (var acknowledgement : repository.findExpired(now)) {
            try {
                ended += acknowledgements.expire(acknowledgement) ? 1 : 0;
            } catch (DataAccessException e) {
                log.warn("Could not end the expired acknowledgement of check {}; trying again next round: {}",
                        acknowledgement.checkId(), Wording.rootCause(e));
            }
        }
        return ended;
    }
}
