package io.opsline.monitoring.web;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.monitoring.internal.series.CheckSeries;
import io.opsline.monitoring.internal.series.SeriesView;

/** What checks measured, over time, condensed for drawing. */
@RestController
class CheckSeriesApi {

    private final CheckSeries series;

    CheckSeriesApi(CheckSeries series) {
        this.series = series;
    }

    /**
     * A check's series: per label, at most {@code points} (default 300, at most 2000) points of
     * minimum, average and maximum from {@code from} to {@code to}, each an ISO-8601 instant,
     * {@code now} or a time before now such as {@code -6h} (default: the last six hours);
     * {@code label} picks one label. The graph on the check's pages asks the same at
     * {@code /checks/{id}/series}, because {@code /api} takes API tokens only and pages have a
     * session instead.
     */
    @GetMapping({"/api/v1/checks/{id}/series", "/checks/{id}/series"})
    @RequiresRole(Role.VIEWER)
    SeriesView series(@PathVariable UUID id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String label,
            @RequestParam(required = false) String points) {
        return series.query(id, from, to, label, points);
    }
}
