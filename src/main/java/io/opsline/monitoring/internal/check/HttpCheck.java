package io.opsline.monitoring.internal.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLHandshakeException;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.Wording;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.ThresholdRange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP(S) request judged as check_http judges it: without expected codes, 2xx and 3xx are OK,
 * 4xx WARNING and 5xx CRITICAL; with them, anything else is CRITICAL. Then the body (regex, or
 * one JSON value) and the response time.
 */
public final class HttpCheck {

    /** How much of a body is kept to match against; a health page is small. */
    private static final int MAX_BODY = 1024 * 1024;

    private final JsonMapper json;
    private final HttpClients clients;

    HttpCheck(JsonMapper json, HttpClients clients) {
        this.json = json;
        this.clients = clients;
    }

    public CheckResult run(CheckSpec.Http spec, Duration timeout) {
        var startedAt = Instant.now();
        var started = System.nanoTime();
        try {
            var request = HttpRequest.newBuilder(spec.url()).timeout(timeout)
                    .method(spec.method(), HttpRequest.BodyPublishers.noBody());
            request.header("User-Agent", "Opsline check");
            spec.headers().forEach(request::header);
            var response = clients.get(spec.verifyTls(), spec.followRedirects()).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (var in = response.body()) {
                body = in.readNBytes(MAX_BODY);
            }
            var millis = (System.nanoTime() - started) / 1e6;
            return judge(spec, response, body, millis, timeout, startedAt, started);
        } catch (HttpTimeoutException e) {
            return CheckResult.endingNow(ServiceState.CRITICAL, "HTTP CRITICAL - No response within " + Wording.duration(timeout) + " from "
                    + spec.url(), List.of(), startedAt, started);
        } catch (SSLHandshakeException e) {
            return CheckResult.endingNow(ServiceState.CRITICAL, "HTTP CRITICAL - TLS handshake failed: " + Wording.rootCause(e), List.of(),
                    startedAt, started);
        } catch (ConnectException e) {
            return CheckResult.endingNow(ServiceState.CRITICAL, "HTTP CRITICAL - Connection refused by " + authority(spec.url()),
                    List.of(), startedAt, started);
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.endingNow(ServiceState.CRITICAL, "HTTP CRITICAL - " + Wording.rootCause(e), List.of(), startedAt, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.endingNow(ServiceState.UNKNOWN, "HTTP UNKNOWN - the check was stopped", List.of(), startedAt, started);
        }
    }

    private CheckResult judge(CheckSpec.Http spec, HttpResponse<?> response, byte[] body, double millis,
            Duration timeout, Instant startedAt, long started) {
        var status = response.statusCode();
        var perf = List.of(ResponseTime.perfDatum(millis, spec.responseWarningMs(), spec.responseCriticalMs(),
                    timeout.toMillis() / 1000.0),
                new PerfDatum("size", (double) body.length, "B", null, null, 0.0, null));
        var problems = new ArrayList<String>();
        var state = ServiceState.OK;
        if (!spec.expectedStatus().isEmpty()) {
            if (!spec.expectedStatus().contains(status)) {
                state = ServiceState.CRITICAL;
                problems.add("status %d, expected %s".formatted(status, spec.expectedStatus()));
            }
        } else if (status >= 500) {
            state = ServiceState.CRITICAL;
            problems.add("status " + status);
        } else if (status >= 400) {
            state = ServiceState.WARNING;
            problems.add("status " + status);
        }
        var text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        if (spec.bodyRegex() != null && !spec.bodyRegex().matcher(text).find()) {
            state = ServiceState.CRITICAL;
            problems.add("body does not match /" + spec.bodyRegex().pattern() + "/");
        }
        if (spec.jsonPath() != null) {
            var problem = jsonProblem(spec, text);
            if (problem != null) {
                state = ServiceState.CRITICAL;
                problems.add(problem);
            }
        }
        var timeState = ThresholdRange.judge(millis, spec.responseWarningMs(), spec.responseCriticalMs());
        if (timeState.severity() > ServiceState.OK.severity()) {
            problems.add("response time %.3f s".formatted(millis / 1000.0));
            if (timeState.severity() > state.severity()) {
                state = timeState;
            }
        }
        var summary = String.format(Locale.ROOT, "HTTP %s: %s %d - %d bytes in %.3f second response time%s",
                state.name(), version(response), status, body.length, millis / 1000.0,
                problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")");
        return CheckResult.endingNow(state, summary, perf, startedAt, started);
    }

    private String jsonProblem(CheckSpec.Http spec, String text) {
        try {
            var found = JsonPath.parse(spec.jsonPath()).find(json.readTree(text));
            if (found == null || found.isMissingNode()) {
                return "no value at " + spec.jsonPath();
            }
            var value = found.isValueNode() ? found.asString() : found.toString();
            if (spec.jsonExpected() != null && !spec.jsonExpected().equals(value)) {
                return "%s is '%s', expected '%s'".formatted(spec.jsonPath(), abbreviate(value), spec.jsonExpected());
            }
            return null;
        } catch (JacksonException e) {
            return "body is not JSON";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String version(HttpResponse<?> response) {
        return response.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1";
    }

    private static String authority(URI url) {
        return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
