package io.opsline.servicedesk.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.platform.Ids;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.report.ReportPeriod;

/**
 * A report's period and scope as given in a query string: {@code from} and {@code to} as dates ({@code to}
 * inclusive; by default the last 30 days up to today), {@code team} by id or name, {@code service} by CI id.
 */
public record ReportQuery(String from, String to, String team, String service) {

    static final int DEFAULT_DAYS = 30;

    ReportPeriod toPeriod(Teams teams) {
        var violations = new Violations();
        var today = LocalDate.now(ZoneOffset.UTC);
        var last = date("to", to, today, violations);
        var first = date("from", from, last == null ? null : last.minusDays(DEFAULT_DAYS - 1), violations);
        if (first != null && last != null) {
            if (first.isAfter(last)) {
                violations.add("from", "must not be after to");
            } else if (first.plusDays(ReportPeriod.MAX_DAYS).isBefore(last.plusDays(1))) {
                violations.add("from", "a report covers at most " + ReportPeriod.MAX_DAYS + " days");
            }
        }
        var teamId = team == null || team.isBlank() ? null : teams.resolve(team).map(TeamRef::id).orElse(null);
        if (team != null && !team.isBlank() && teamId == null) {
            violations.add("team", "no team " + team.strip());
        }
        var serviceId = service == null || service.isBlank() ? null : Ids.parseOrNull(service.strip());
        if (service != null && !service.isBlank() && serviceId == null) {
            violations.add("service", "must be a business service's CI id");
        }
        violations.throwIfAny("Invalid report period");
        return new ReportPeriod(first, last.plusDays(1), teamId, serviceId);
    }

    private static LocalDate date(String field, String text, LocalDate fallback, Violations violations) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            violations.add(field, "must be a date such as 2026-03-29");
            return null;
        }
    }
}
