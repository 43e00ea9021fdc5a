package io.opsline.alerting.internal.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts JSON to webhooks, Slack and Teams. Any 2xx is success; a redirect is not followed (a
 * webhook URL that redirects is misconfigured) and counts as failure like 4xx, 5xx and timeouts.
 */
final class HttpSender {

    private static final int ERROR_BODY_CHARS = 200;

    private final HttpClient client;
    private final Duration readTimeout;

    HttpSender(Duration connectTimeout, Duration readTimeout) {
        this.readTimeout = readTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    SendResult post(URI url, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(url)
                .timeout(readTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Opsline");
        headers.forEach(request::header);
        var exchange = client.sendAsync(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        try {
            // The request timeout ends with the response's headers; this bounds reading the body too.
            var response = exchange.get(readTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            var status = response.statusCode();
            var reply = "HTTP " + status;
            if (status / 100 == 2) {
                return new SendResult(true, status, reply, null);
            }
            var answer = response.body() == null ? "" : response.body().strip();
            return new SendResult(false, status, reply,
                    answer.isEmpty() ? reply : reply + ": " + shorten(answer, ERROR_BODY_CHARS));
        } catch (ExecutionException e) {
            return SendResult.failure(describe(e.getCause()));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return SendResult.failure("no complete answer within " + readTimeout.multipliedBy(2).toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return SendResult.failure("interrupted: the node is stopping");
        }
    }

    private String describe(Throwable cause) {
        return switch (cause) {
            case HttpConnectTimeoutException e -> "could not connect: " + e.getMessage();
            case HttpTimeoutException e -> "no answer within " + readTimeout.toMillis() + " ms";
            case IOException e -> "could not post: " + e;
            default -> "could not post: " + cause;
        };
    }

    /** {@code sha256=<hex of HMAC-SHA256(secret, timestamp + "." + body)>}, as receivers check it. */
    static String signature(String secret, String timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
