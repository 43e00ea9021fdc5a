package io.opsline.monitoring.internal.series;

import java.util.ArrayList;
import java.util.List;

import io.opsline.monitoring.internal.CheckDefinition;
import io.opsline.monitoring.internal.CheckResult;

/** Turns what a check found into samples to keep. */
public final class Samples {

    /** The label of how long a check took to run, in seconds. */
    public static final String DURATION = "duration";
    private static final String TIME = "time";

    private Samples() {
    }

    /**
     * A result's performance values, each in its base unit (250ms is kept as 0.25 s), and how long
     * the check took as {@value #DURATION}, all at the time the check started. Values the check
     * could not determine ({@code U}) or that are no finite number are left out, as is the duration
     * when the check measured something it calls "duration" itself, or its response "time" in
     * seconds: one measurement, one series.
     * Labels longer than {@value Sample#MAX_LABEL} characters are cut.
     */
    public static List<Sample> of(CheckDefinition check, CheckResult result) {
        var samples = new ArrayList<Sample>(result.perfData().size() + 1);
        var ownDuration = false;
        for (var datum : result.perfData()) {
            if (datum.value() == null || datum.label().isEmpty()) {
                continue;
            }
            var base = datum.inBaseUnit();
            if (!Double.isFinite(base.value())) {
                continue;
            }
            var label = cut(datum.label(), Sample.MAX_LABEL);
            // A response time the check measured itself ("time" in seconds, as check_tcp and check_http
            // report it, and as the native checks do) already says how long it took: one series, not two.
            ownDuration |= label.equals(DURATION) || label.equals(TIME) && "s".equals(base.unit());
            samples.add(new Sample(check.id(), check.name(), check.ciId(), label, cut(base.unit(), Sample.MAX_UNIT),
                    result.startedAt(), base.value()));
        }
        if (!ownDuration && result.duration() != null) {
            samples.add(new Sample(check.id(), check.name(), check.ciId(), DURATION, "s", result.startedAt(),
                    result.duration().toNanos() / 1e9));
        }
        return samples;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
