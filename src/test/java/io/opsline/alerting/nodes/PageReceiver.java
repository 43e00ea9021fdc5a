package io.opsline.alerting.nodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opsline.testing.LoopbackHttp;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook the nodes page: a real HTTP server on 127.0.0.1 that keeps every request's
 * {@code Idempotency-Key}, group ({@code thread}) and kind, and answers 200 after a short delay, so
 * that sends are in flight for a while. It can also hold its answers, as an endpoint gone slow does,
 * so that a test knows exactly which sends are in flight at a given moment.
 */
final class PageReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Page(String path, String key, String group, String kind) {
    }

    private record Hold(String path, int after, CountDownLatch released) {
    }

    private final HttpServer server;
    private final Duration answerDelay;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Page> pages = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> unanswered = new ConcurrentHashMap<>();
    private volatile Hold hold;

    PageReceiver(Duration answerDelay) {
        this.answerDelay = answerDelay;
        this.server = LoopbackHttp.serve(this::handle);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From the request after the {@code after}-th to {@code path} on, answers wait for {@link #release}. */
    void holdAnswers(String path, int after) {
        hold = new Hold(path, after, new CountDownLatch(1));
    }

    void release() {
        var current = hold;
        if (current != null) {
            current.released().countDown();
        }
    }

    List<Page> pages(String path) {
        return pages.stream().filter(p -> p.path().equals(path)).toList();
    }

    /** The keys of the requests to {@code path} received and not answered yet. */
    Set<String> unanswered(String path) {
        return Set.copyOf(unanswered.getOrDefault(path, Set.of()));
    }

    private void handle(HttpExchange exchange) {
        var path = exchange.getRequestURI().getPath();
        var waiting = unanswered.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet());
        String key = null;
        try (exchange) {
            var body = json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            waiting.add(key);
            pages.add(new Page(path, key, body.get("thread").asString(), body.get("kind").asString()));
            var current = hold;
            if (current != null && current.path().equals(path) && pages(path).size() > current.after()) {
                current.released().await();
            }
            Thread.sleep(answerDelay);
            var answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException e) {
            // The sender is gone (killed) and cannot hear the answer; what it sent is kept.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (key != null) {
                waiting.remove(key);
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
