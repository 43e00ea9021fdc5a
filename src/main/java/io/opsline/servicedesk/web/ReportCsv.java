package io.opsline.servicedesk.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.opsline.platform.InvalidInputException;
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.internal.report.ServiceDeskReport;

/** The report's tables as CSV: times in minutes with one decimal, empty where nothing was measured. */
final class ReportCsv {

    static final List<String> TABLES = List.of("days", "backlog", "services", "classes");

    private ReportCsv() {
    }

    static String table(ServiceDeskReport report, String table) {
        var rows = new ArrayList<List<Object>>();
        switch (table) {
            case "days" -> {
                rows.add(List.of("day", "opened", "responded", "mtta_minutes", "resolved", "mttr_minutes",
                        "resolution_sla_measured", "resolution_sla_met"));
                report.days().forEach(d -> rows.add(Arrays.asList(d.day(), d.opened(), d.responded(),
                        minutes(d.mttaSeconds()), d.resolved(), minutes(d.mttrSeconds()), d.resolutionSla().measured(),
                        d.resolutionSla().met())));
            }
            case "backlog" -> {
                var header = new ArrayList<Object>(List.of("team"));
                Arrays.stream(Priority.values()).forEach(p -> header.add(p.key()));
                header.add("total");
                rows.add(header);
                report.backlog().byTeam().forEach(t -> {
                    var row = new ArrayList<Object>();
                    row.add(t.team() == null ? "(no team)" : text(t.team()));
                    Arrays.stream(Priority.values()).forEach(p -> row.add(t.byPriority().get(p)));
                    row.add(t.total());
                    rows.add(row);
                });
            }
            case "services" -> {
                rows.add(List.of("service_id", "service", "incidents"));
                report.services().forEach(s -> rows.add(Arrays.asList(s.id(), text(s.name()), s.incidents())));
            }
            case "classes" -> {
                rows.add(List.of("ci_class", "incidents"));
                report.ciClasses().forEach(c -> rows.add(List.of(c.key(), c.incidents())));
            }
            default -> throw InvalidInputException.of("table", "must be one of " + String.join(", ", TABLES));
        }
        var out = new StringWriter();
        try (var csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            for (var row : rows) {
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The table as a file to save, named after the table and the period. */
    static ResponseEntity<byte[]> download(ServiceDeskReport report, String table) {
        var csv = table(report, table);
        var name = "servicedesk-" + table + "-" + report.period().from() + "-" + report.period().to().minusDays(1)
                + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static String minutes(Double seconds) {
        return seconds == null ? null : String.format(Locale.ROOT, "%.1f", seconds / 60);
    }

    /** Names people typed: one starting like a formula gets a quote first, so a spreadsheet shows it rather than runs it. */
    private static String text(String name) {
        return name != null && !name.isEmpty() && "=+-@".indexOf(name.charAt(0)) >= 0 ? "'" + name : name;
    }
}
