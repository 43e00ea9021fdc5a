package io.opsline.alerting.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.opsline.alerting.AlertAcknowledged;
import io.opsline.alerting.AlertFired;
import io.opsline.alerting.AlertResolved;
import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.platform.EventStreams;

/**
 * Tells open alert consoles, by server-sent events, that alerts changed. Changes made on this node
 * are noted as their transaction commits and announced at most once a second, however many there
 * were (the intake may change thousands a second); changes made on other nodes leave no trace
 * here, so every console is also told every {@link #OTHER_NODES} to look again. A stream holds no
 * database connection: the consoles read the alerts themselves when told.
 */
@Controller
class AlertStream {

    /** How often consoles look again for what other nodes changed; also keeps proxies from closing a quiet stream. */
    static final Duration OTHER_NODES = Duration.ofSeconds(10);

    private final EventStreams streams = new EventStreams();
    private final AtomicBoolean changed = new AtomicBoolean();

    @GetMapping(path = "/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresRole(Role.VIEWER)
    SseEmitter stream() {
        return streams.open();
    }

    @EventListener
    void fired(AlertFired event) {
        noteOnCommit();
    }

    @EventListener
    void acknowledged(AlertAcknowledged event) {
        noteOnCommit();
    }

    @EventListener
    void resolved(AlertResolved event) {
        noteOnCommit();
    }

    /** Once a second: one signal for everything changed since the last, or the periodic one. */
    @Scheduled(fixedDelay = 1000)
    void tell() {
        var news = changed.getAndSet(false);
        if (streams.isEmpty()) {
            return;
        }
        if (news || streams.quietFor(OTHER_NODES)) {
            streams.send(SseEmitter.event().name("changed").data(news ? "here" : "anywhere"));
        }
    }

    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        streams.closeAll();
    }

    /**
     * Events are published inside the transaction that made the change; a console told before it
     * commits would read the alerts as they were. A plain flag set after commit costs nothing per
     * event, where a persisted (Modulith) listener would store a row for each of thousands.
     */
    private void noteOnCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            changed.set(true);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                changed.set(true);
            }
        });
    }
}
