package io.opsline.monitoring.internal.series;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.opsline.monitoring.internal.CheckRepository;
import io.opsline.platform.NotFoundException;

/** Reads a check's measurements for the API and the graph. */
@Service
public class CheckSeries {

    private final CheckMetrics samples;
    private final CheckRepository checks;

    CheckSeries(CheckMetrics samples, CheckRepository checks) {
        this.samples = samples;
        this.checks = checks;
    }

    /**
     * A check's series as the request parameters ask for them (see {@link SeriesRequest}: any of
     * them may be null). Throws {@link NotFoundException} for an unknown check and
     * {@link io.opsline.platform.InvalidInputException} naming each parameter that is wrong.
     */
    public SeriesView query(UUID checkId, String from, String to, String label, String points) {
        if (checks.findById(checkId).isEmpty()) {
            throw new NotFoundException("Check", checkId);
        }
        // Whole milliseconds, so that the default six hours are exactly six hours of 72-second buckets.
        var request = SeriesRequest.parse(from, to, label, points, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        var series = samples.query(checkId, request.label(), request.from(), request.to(), request.points());
        return new SeriesView(checkId, request.from(), request.to(), series, samples.labels(checkId));
    }
}
