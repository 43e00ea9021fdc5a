package io.opsline.monitoring.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.monitoring.internal.history.HistoryRepository;
import io.opsline.platform.EventStreams;

/**
 * Tells open status boards, by server-sent events, that monitoring states changed, so that they
 * refresh at once rather than on their next round. One read per second of the history generation
 * serves every board on this node and notices changes made on any node.
 */
@Controller
class BoardStream {

    private static final Logger log = LoggerFactory.getLogger(BoardStream.class);
    /** Something is sent at least this often, so that proxies keep the stream open and dead ones are found. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final HistoryRepository history;
    private final EventStreams streams = new EventStreams();
    private long generation = -1;

    BoardStream(HistoryRepository history) {
        this.history = history;
    }

    @GetMapping(path = "/monitoring/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresRole(Role.VIEWER)
    SseEmitter stream() {
        return streams.open();
    }

    @Scheduled(fixedDelay = 1000)
    void tell() {
        if (streams.isEmpty()) {
            generation = -1;
            return;
        }
        long now;
        try {
            now = history.generation();
        } catch (RuntimeException e) {
            log.debug("Could not read the history generation; boards keep their own refresh", e);
            return;
        }
        boolean changed = generation >= 0 && now != generation;
        generation = now;
        if (changed) {
            streams.send(SseEmitter.event().name("changed").data(now));
        } else if (streams.quietFor(HEARTBEAT)) {
            streams.send(SseEmitter.event().comment("still here"));
        }
    }

    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        streams.closeAll();
    }

}
