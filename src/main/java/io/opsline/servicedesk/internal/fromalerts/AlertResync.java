package io.opsline.servicedesk.internal.fromalerts;

import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings incidents that follow open alerts in step with alerting each minute. Events do so as they
 * come; this catches what they cannot: an alert that ended while its incident was being opened, or
 * an alert that joined a group without being announced (it opened silenced).
 */
@Component
class AlertResync {

    private static final int PER_RUN = 200;

    private final AlertLinkRepository links;
    private final LinkedAlerts linked;

    AlertResync(AlertLinkRepository links, LinkedAlerts linked) {
        this.links = links;
        this.linked = linked;
    }

    @Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
    void resync() {
        links.withOpenAlerts(PER_RUN).forEach(linked::sync);
    }
}
