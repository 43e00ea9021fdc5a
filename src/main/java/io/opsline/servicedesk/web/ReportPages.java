package io.opsline.servicedesk.web;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.Teams;
import io.opsline.platform.InvalidInputException;
import io.opsline.servicedesk.internal.report.ServiceDeskReport;
import io.opsline.servicedesk.internal.report.ServiceDeskReports;
import tools.jackson.databind.json.JsonMapper;

/** The service-desk report page: backlog now, MTTA and MTTR over time as charts, where incidents come from. */
@Controller
class ReportPages {

    static final String PATH = "/servicedesk/report";

    private final ServiceDeskReports reports;
    private final Teams teams;
    private final JsonMapper json;

    ReportPages(ServiceDeskReports reports, Teams teams, JsonMapper json) {
        this.reports = reports;
        this.teams = teams;
        this.json = json;
    }

    @GetMapping(PATH)
    @RequiresRole(Role.VIEWER)
    String report(@ModelAttribute("query") ReportQuery query, Model model) {
        model.addAttribute("teams", teams.all());
        model.addAttribute("duration", new DurationText());
        model.addAttribute("tables", ReportCsv.TABLES);
        try {
            var report = reports.report(query.toPeriod(teams));
            model.addAttribute("report", report);
            model.addAttribute("chart", json.writeValueAsString(chart(report)));
        } catch (InvalidInputException e) {
            model.addAttribute("problem", e);
        }
        return "servicedesk/report";
    }

    @GetMapping(PATH + ".csv")
    @RequiresRole(Role.VIEWER)
    ResponseEntity<byte[]> csv(@ModelAttribute ReportQuery query, @RequestParam(defaultValue = "days") String table) {
        return ReportCsv.download(reports.report(query.toPeriod(teams)), table);
    }

    /** The per-day series the charts draw: days as epoch seconds, times in minutes (null where none). */
    private static java.util.Map<String, List<?>> chart(ServiceDeskReport report) {
        var series = new LinkedHashMap<String, List<?>>();
        series.put("days", report.days().stream().map(d -> d.day().atStartOfDay(ZoneOffset.UTC).toEpochSecond()).toList());
        series.put("opened", report.days().stream().map(ServiceDeskReport.Day::opened).toList());
        series.put("resolved", report.days().stream().map(ServiceDeskReport.Day::resolved).toList());
        series.put("mtta", report.days().stream().map(d -> minutes(d.mttaSeconds())).toList());
        series.put("mttr", report.days().stream().map(d -> minutes(d.mttrSeconds())).toList());
        series.put("sla", report.days().stream().map(d -> d.resolutionSla().percent()).toList());
        return series;
    }

    private static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6) / 10.0;
    }
}
