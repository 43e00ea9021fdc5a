package io.opsline.alerting.internal.intake;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

import io.opsline.alerting.internal.AlertingProperties;

/**
 * Per-integration rate limits and traffic counters. A token bucket per integration: it refills at
 * the configured rate and holds at most the burst, so a sender may catch up after a pause but a
 * flood from one source cannot crowd out the others. Kept per node, in memory: a limit guards this
 * node's intake, and counters start again at a restart.
 */
@Component
class SourceLimits {

    private final double ratePerSecond;
    private final double burst;
    private final Map<UUID, Source> sources = new ConcurrentHashMap<>();

    SourceLimits(AlertingProperties properties) {
        this.ratePerSecond = properties.intakeRate();
        this.burst = properties.intakeBurst();
    }

    /** One integration's bucket and counters. */
    private final class Source {
        private final ReentrantLock lock = new ReentrantLock();
        private double tokens = burst;
        private long refilledAtNanos = System.nanoTime();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rateLimited = new AtomicLong();
        final AtomicLong invalid = new AtomicLong();
        final AtomicLong tooLarge = new AtomicLong();
        final AtomicReference<Instant> lastEventAt = new AtomicReference<>();

        /** Takes {@code events} tokens; else the seconds until that many are there (at least 1). */
        long take(int events) {
            lock.lock();
            try {
                var now = System.nanoTime();
                tokens = Math.min(burst, tokens + (now - refilledAtNanos) / 1e9 * ratePerSecond);
                refilledAtNanos = now;
                if (tokens >= events) {
                    tokens -= events;
                    return 0;
                }
                return Math.max(1, (long) Math.ceil((Math.min(events, burst) - tokens) / ratePerSecond));
            } finally {
                lock.unlock();
            }
        }
    }

    private Source source(UUID integration) {
        return sources.computeIfAbsent(integration, id -> new Source());
    }

    /**
     * Admits a request's events, or says how long to wait.
     *
     * @return 0 when admitted, else seconds until the request would be
     */
    long admit(UUID integration, int events) {
        var source = source(integration);
        var wait = source.take(events);
        if (wait > 0) {
            source.rateLimited.addAndGet(events);
        }
        return wait;
    }

    void stored(UUID integration, int events, Instant at) {
        var source = source(integration);
        source.accepted.addAndGet(events);
        source.lastEventAt.set(at);
    }

    void invalid(UUID integration) {
        source(integration).invalid.incrementAndGet();
    }

    void tooLarge(UUID integration) {
        source(integration).tooLarge.incrementAndGet();
    }

    IntakeTraffic traffic(UUID integration) {
        var source = sources.get(integration);
        if (source == null) {
            return IntakeTraffic.NONE;
        }
        return new IntakeTraffic(source.accepted.get(), source.rateLimited.get(), source.invalid.get(),
                source.tooLarge.get(), source.lastEventAt.get());
    }
}
