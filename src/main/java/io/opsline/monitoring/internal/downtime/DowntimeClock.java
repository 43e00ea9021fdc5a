package io.opsline.monitoring.internal.downtime;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.opsline.monitoring.internal.MonitoringProperties;
import io.opsline.monitoring.internal.Wording;
import io.opsline.platform.Jdbc;

/**
 * Every refresh interval, on every node: announces the downtime windows that have started and
 * ended since, and rebuilds the in-memory calendar. Which node announces a given start or end is
 * settled by its claim in the database, so running this everywhere is safe.
 */
@Component
class DowntimeClock implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DowntimeClock.class);

    private final DowntimeRepository downtimes;
    private final DowntimeAnnouncements announcements;
    private final DowntimeCalendar calendar;
    private final TransactionTemplate transaction;
    private final Duration interval;
    /**
     * How far back a start is still announced: a window that began, or even ended, while no node
     * ran for a moment is announced late rather than never; a longer outage is not made up for.
     */
    private final Duration lookback;

    DowntimeClock(DowntimeRepository downtimes, DowntimeAnnouncements announcements, DowntimeCalendar calendar,
            PlatformTransactionManager transactions, MonitoringProperties properties) {
        this.downtimes = downtimes;
        this.announcements = announcements;
        this.calendar = calendar;
        this.transaction = new TransactionTemplate(transactions);
        this.interval = properties.refreshInterval();
        var twice = interval.multipliedBy(2);
        this.lookback = twice.compareTo(Duration.ofMinutes(1)) > 0 ? twice : Duration.ofMinutes(1);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::tick, interval, interval));
    }

    void tick() {
        try {
            announce(Jdbc.now());
            calendar.refresh();
        } catch (DataAccessException e) {
            log.warn("Could not bring downtimes up to date; trying again in {}: {}", Wording.duration(interval),
                    Wording.rootCause(e));
        }
    }

    /**
     * Announces every end and start due at {@code now}, each in a transaction of its own. Ends
     * come first, so that where one window ends as the next begins, the end is told first.
     *
     * @return how many starts and ends this call announced (others may have been announced elsewhere)
     */
    int announce(Instant now) {
        int announced = 0;
        for (var occurrence : downtimes.openOccurrencesDue(now)) {
            announced += inTransaction(() -> {
                var downtime = downtimes.findById(occurrence.downtimeId()).orElseThrow();
                var end = occurrence.window().end();
                var cancelled = downtime.cancelledAt() != null && downtime.cancelledAt().isBefore(end);
                return announcements.end(downtime, occurrence, cancelled ? downtime.cancelledAt() : end,
                        cancelled ? downtime.cancelledBy() : null) ? 1 : 0;
            });
        }
        var since = now.minus(lookback);
        var started = downtimes.startedEndingAfter(since);
        for (var downtime : downtimes.findLive(since)) {
            for (var window : downtime.schedule().windows(since, now.plusNanos(1))) {
                if (started.contains(new DowntimeRepository.Started(downtime.id(), window.start()))) {
                    continue;
                }
                announced += inTransaction(() -> {
                    if (!announcements.start(downtime, window)) {
                        return 0;
                    }
                    if (window.end().isAfter(now)) {
                        return 1;
                    }
                    // A short window that came and went between two rounds: its end is due as well.
                    var occurrence = downtimes.openOccurrences(downtime.id()).stream()
                            .filter(o -> o.window().equals(window)).findFirst().orElseThrow();
                    return 1 + (announcements.end(downtime, occurrence, window.end(), null) ? 1 : 0);
                });
            }
        }
        return announced;
    }

    /**
     * Runs one claim. One that waited too long for another node's lock is that node's to make; one
     * that failed otherwise is tried again next round, without holding up the others.
     */
    private int inTransaction(Supplier<Integer> work) {
        try {
            return transaction.execute(status -> work.get());
        } catch (PessimisticLockingFailureException e) {
            log.debug("A downtime announcement is being made elsewhere: {}", Wording.rootCause(e));
            return 0;
        } catch (DataAccessException e) {
            log.warn("Could not announce a downtime start or end; trying again next round: {}", Wording.rootCause(e));
            return 0;
        }
    }
}
