package io.opsline.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The browsers one page keeps told by server-sent events on this node: streams are opened, sent
 * to all at once, dropped when their browser went away, and ended when shutdown begins (an open
 * stream would otherwise hold up the graceful shutdown). A stream lives {@link #LIFETIME}; then
 * the browser opens a new one, so no connection lives forever.
 */
public final class EventStreams {

    public static final Duration LIFETIME = Duration.ofMinutes(10);

    private final CopyOnWriteArrayList<SseEmitter> streams = new CopyOnWriteArrayList<>();
    private volatile long lastSentNanos = System.nanoTime();

    public SseEmitter open() {
        var stream = new SseEmitter(LIFETIME.toMillis());
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(stream::complete);
        stream.onError(e -> streams.remove(stream));
        streams.add(stream);
        return stream;
    }

    public boolean isEmpty() {
        return streams.isEmpty();
    }

    /** Whether nothing was sent for this long: time for a heartbeat or a periodic signal. */
    public boolean quietFor(Duration duration) {
        return System.nanoTime() - lastSentNanos >= duration.toNanos();
    }

    public void send(SseEmitter.SseEventBuilder event) {
        lastSentNanos = System.nanoTime();
        for (var stream : streams) {
            try {
                stream.send(event);
            } catch (IOException | IllegalStateException e) {
                // The browser went away; its stream is done.
                streams.remove(stream);
            }
        }
    }

    public void closeAll() {
        streams.forEach(SseEmitter::complete);
        streams.clear();
    }
}
