package io.opsline.monitoring.internal.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.opsline.monitoring.ServiceState;
import io.opsline.monitoring.internal.CheckResult;
import io.opsline.monitoring.internal.CheckSpec;
import io.opsline.monitoring.internal.CounterSample;
import io.opsline.monitoring.internal.Wording;
import io.opsline.monitoring.internal.nagios.PerfDatum;
import io.opsline.monitoring.internal.nagios.ThresholdRange;

/**
 * Scrapes a Prometheus target (node_exporter, any exporter) and holds one sample, chosen by
 * metric name and labels, to the check's thresholds; with {@code rate}, the per-second rate
 * between this scrape and the one before. A target that does not answer is CRITICAL; a
 * selection matching no sample, or several, is UNKNOWN with what was found.
 */
public final class PrometheusCheck {

    /** A scrape's result, and the counter reading to hand to the next run when judging a rate. */
    public record Reading(CheckResult result, CounterSample counter) {
    }

    private static final int MAX_LISTED = 3;

    private final HttpClients clients;

    PrometheusCheck(HttpClients clients) {
        this.clients = clients;
    }

    public Reading run(CheckSpec.Prometheus spec, Duration timeout, CounterSample previous) {
        var startedAt = Instant.now();
        var started = System.nanoTime();
        String body;
        try {
            var request = HttpRequest.newBuilder(spec.url()).timeout(timeout)
                    .header("Accept", "text/plain;version=0.0.4").GET().build();
            // Prometheus itself verifies TLS and follows redirects when scraping; so does this.
            var response = clients.get(true, true).send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Reading(CheckResult.endingNow(ServiceState.CRITICAL,
                        "PROMETHEUS CRITICAL - %s answered %d".formatted(spec.url(), response.statusCode()), List.of(),
                        startedAt, started), null);
            }
            body = response.body();
        } catch (HttpTimeoutException e) {
            return failed("no answer within %s from %s".formatted(Wording.duration(timeout), spec.url()), startedAt, started);
        } catch (ConnectException e) {
            return failed("connection refused by " + spec.url(), startedAt, started);
        } catch (IOException e) {
            return failed(spec.url() + ": " + e.getMessage(), startedAt, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(CheckResult.endingNow(ServiceState.UNKNOWN, "PROMETHEUS UNKNOWN - the check was stopped",
                    List.of(), startedAt, started), null);
        }
        var parsed = PrometheusText.parse(body);
        if (parsed.samples().isEmpty() && !parsed.problems().isEmpty()) {
            return unknown("%s is not Prometheus text exposition (%s)".formatted(spec.url(), parsed.problems().getFirst()),
                    startedAt, started);
        }
        var matching = parsed.samples().stream()
                .filter(s -> s.matches(spec.metric(), spec.labels())).toList();
        var selector = new PrometheusText.Sample(spec.metric(), spec.labels(), 0).toString();
        if (matching.size() != 1) {
            var found = matching.isEmpty() ? "no sample matches " + selector
                    : "%d samples match %s; add labels to choose one, e.g. %s".formatted(matching.size(), selector,
                            String.join(", ", matching.stream().limit(MAX_LISTED).map(Object::toString).toList()));
            return unknown(found, startedAt, started);
        }
        var sample = matching.getFirst();
        if (Double.isNaN(sample.value())) {
            return unknown(sample + " is NaN", startedAt, started);
        }
        double value = sample.value();
        String what = sample.toString();
        CounterSample counter = null;
        if (spec.rate()) {
            counter = new CounterSample(sample.value(), startedAt);
            var rate = counter.perSecondSince(previous);
            if (rate.isEmpty()) {
                return new Reading(CheckResult.endingNow(ServiceState.OK, "PROMETHEUS OK - first reading of " + what
                        + "; its rate follows from the next run", List.of(), startedAt, started), counter);
            }
            value = rate.getAsDouble();
            what = "rate(" + what + ")";
        }
        var state = ThresholdRange.judge(value, spec.warning(), spec.critical());
        var perf = List.of(new PerfDatum(spec.rate() ? spec.metric() + "_rate" : spec.metric(), value,
                "", spec.warning(), spec.critical(), null, null));
        var output = String.format(Locale.ROOT, "PROMETHEUS %s - %s = %s%s", state.name(), what, Wording.number(value),
                spec.rate() ? "/s" : "");
        return new Reading(CheckResult.endingNow(state, output, perf, startedAt, started), counter);
    }

    private static Reading failed(String why, Instant startedAt, long started) {
        return new Reading(CheckResult.endingNow(ServiceState.CRITICAL, "PROMETHEUS CRITICAL - " + why, List.of(),
                startedAt, started), null);
    }

    private static Reading unknown(String why, Instant startedAt, long started) {
        return new Reading(CheckResult.endingNow(ServiceState.UNKNOWN, "PROMETHEUS UNKNOWN - " + why, List.of(),
                startedAt, started), null);
    }
}
