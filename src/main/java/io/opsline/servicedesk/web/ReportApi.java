package io.opsline.servicedesk.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.Teams;
import io.opsline.servicedesk.internal.report.ServiceDeskReport;
import io.opsline.servicedesk.internal.report.ServiceDeskReports;

/** The service-desk report over REST, as JSON or one of its tables as CSV. */
@RestController
class ReportApi {

    private final ServiceDeskReports reports;
    private final Teams teams;

    ReportApi(ServiceDeskReports reports, Teams teams) {
        this.reports = reports;
        this.teams = teams;
    }

    /** Backlog now; MTTA, MTTR and counts per day over the period (see {@link ReportQuery}); top services and CI classes. */
    @GetMapping("/api/v1/servicedesk/report")
    @RequiresRole(Role.VIEWER)
    ServiceDeskReport report(@ModelAttribute ReportQuery query) {
        return reports.report(query.toPeriod(teams));
    }

    /** One table of the report as CSV: {@code table} is days (the default), backlog, services or classes. */
    @GetMapping("/api/v1/servicedesk/report.csv")
    @RequiresRole(Role.VIEWER)
    ResponseEntity<byte[]> csv(@ModelAttribute ReportQuery query,
            @RequestParam(defaultValue = "days") String table) {
        return ReportCsv.download(reports.report(query.toPeriod(teams)), table);
    }
}
