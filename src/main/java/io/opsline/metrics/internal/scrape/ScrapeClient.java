package io.opsline.metrics.internal.scrape;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SSLContext;

import io.opsline.metrics.internal.ingest.ExpositionFormat;

/**
 * Fetches scrape answers with the JDK's HTTP client: HTTP/1.1 with keep-alive, Prometheus' Accept
 * header, gzip accepted, the whole exchange bounded by the target's timeout and the body by a size
 * limit. Bodies go into a buffer per scrape loop, reused from one scrape to the next.
 */
final class ScrapeClient implements AutoCloseable {

    private static final String USER_AGENT = "Opsline-Scraper";

    private final HttpClient client;
    private final long bodySizeLimit;

    /**
     * How a client checks https servers (against {@code caCertificate}, PEM, or the JDK's trusted
     * certificates when null; or not at all), the certificate it shows one that asks (PEM, with its
     * private key; null for none), and whether it follows redirects.
     */
    record Settings(String caCertificate, boolean insecureSkipVerify, String clientCertificate, String clientKey,
            boolean followRedirects) {

        boolean ownTls() {
            return caCertificate != null || insecureSkipVerify || clientCertificate != null;
        }

        /** Without the key. */
        @Override
        public String toString() {
            return "Settings[caCertificate=" + (caCertificate != null) + ", insecureSkipVerify=" + insecureSkipVerify
                    + ", clientCertificate=" + (clientCertificate != null) + ", followRedirects=" + followRedirects
                    + "]";
        }
    }

    ScrapeClient(long bodySizeLimit, Settings settings) {
        this.bodySizeLimit = bodySizeLimit;
        var builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(settings.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor());
        if (settings.ownTls()) {
            builder.sslContext(ScrapeTls.context(settings));
        }
        this.client = builder.build();
    }

    /** A body as received: {@code length} bytes of {@code bytes}, and the format its Content-Type names. */
    static final class Body {
        private byte[] bytes = new byte[64 * 1024];
        private byte[] spare = new byte[0];
        private int length;
        private ExpositionFormat format;

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        ExpositionFormat format() {
            return format;
        }

        private void reset() {
            length = 0;
            format = ExpositionFormat.PROMETHEUS_TEXT;
        }

        private boolean append(ByteBuffer data, long limit) {
            var count = data.remaining();
            if ((long) length + count > limit) {
                return false;
            }
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max((long) bytes.length * 2, length + count)));
            }
            data.get(bytes, length, count);
            length += count;
            return true;
        }

        /** Replaces the gzip body with what it decompresses to. */
        private void gunzip(long limit) throws IOException {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes, 0, length), 8192)) {
                var out = spare.length >= bytes.length ? spare : new byte[bytes.length * 2];
                var size = 0;
                while (true) {
                    if (size == out.length) {
                        if (out.length >= limit) {
                            if (in.read() < 0) {
                                break;
                            }
                            throw new ScrapeException("body larger than " + limit
                                    + " bytes once decompressed (opsline.metrics.scrape.body-size-limit)");
                        }
                        out = Arrays.copyOf(out, (int) Math.min(limit, (long) out.length * 2));
                    }
                    var read = in.read(out, size, out.length - size);
                    if (read < 0) {
                        break;
                    }
                    size += read;
                }
                spare = bytes;
                bytes = out;
                length = size;
            }
        }
    }

    /** The request for a target, made once per scrape loop; {@code authorization} null for none. */
    static HttpRequest request(URI url, long timeoutMs, String authorization) {
        var request = HttpRequest.newBuilder(url).GET().header("Accept", ExpositionFormat.SCRAPE_ACCEPT)
                .header("Accept-Encoding", "gzip").header("User-Agent", USER_AGENT)
                .header("X-Prometheus-Scrape-Timeout-Seconds", Double.toString(timeoutMs / 1000.0))
                .timeout(Duration.ofMillis(timeoutMs));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.build();
    }

    /**
     * Fetches a body into {@code into}.
     *
     * @throws ScrapeException saying what failed: connecting, the timeout, a status other than 2xx, the size
     */
    void fetch(HttpRequest request, long timeoutMs, Body into) {
        into.reset();
        var future = client.sendAsync(request, info -> new Collector(into, bodySizeLimit));
        HttpResponse<Body> response;
        try {
            response = future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ScrapeException("scrape timed out after " + PrometheusDurations.format(timeoutMs));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ScrapeException("scrape interrupted");
        } catch (ExecutionException e) {
            throw new ScrapeException(describe(e.getCause(), request.uri(), timeoutMs));
        }
        if (response.statusCode() / 100 == 3) {
            throw new ScrapeException("server redirected to " + response.headers().firstValue("Location").orElse("?")
                    + " with HTTP status " + response.statusCode() + "; a target with credentials is not followed"
                    + " elsewhere, configure the address it redirects to");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ScrapeException("server returned HTTP status " + response.statusCode());
        }
        into.format = ExpositionFormat.ofContentType(response.headers().firstValue("Content-Type").orElse(null));
        var encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
        if (encoding.equalsIgnoreCase("gzip")) {
            try {
                into.gunzip(bodySizeLimit);
            } catch (IOException e) {
                throw new ScrapeException("body is not valid gzip: " + e.getMessage());
            }
        } else if (!encoding.equalsIgnoreCase("identity")) {
            throw new ScrapeException("unsupported Content-Encoding " + encoding);
        }
    }

    private static String describe(Throwable cause, URI url, long timeoutMs) {
        if (cause instanceof ScrapeException scrape) {
            return scrape.getMessage();
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return "scrape timed out after " + PrometheusDurations.format(timeoutMs);
        }
        var port = url.getPort() >= 0 ? ":" + url.getPort() : "";
        if (cause instanceof ConnectException) {
            return "connecting to " + url.getHost() + port + " failed: "
                    + (cause.getMessage() == null ? "connection refused" : cause.getMessage());
        }
        var root = cause;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return "scraping " + url + " failed: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public void close() {
        client.close();
    }

    /** Copies a body into the loop's buffer as it arrives; fails once it outgrows the limit. */
    private static final class Collector implements HttpResponse.BodySubscriber<Body> {

        private final Body body;
        private final long limit;
        private final CompletableFuture<Body> done = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Collector(Body body, long limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (done.isDone()) {
                return;
            }
            for (var item : items) {
                if (!body.append(item, limit)) {
                    subscription.cancel();
                    done.completeExceptionally(new ScrapeException("body larger than " + limit
                            + " bytes (opsline.metrics.scrape.body-size-limit)"));
                    return;
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(body);
        }
    }
}
