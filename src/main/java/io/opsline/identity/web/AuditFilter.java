package io.opsline.identity.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.opsline.identity.internal.AuditQuery;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PagerLinks;

/** Audit filters as they arrive in a query string; dates are whole UTC days, {@code to} inclusive. */
record AuditFilter(String actor, String action, String entityType, String entityId, String from, String to,
        String text) {

    AuditQuery toQuery() {
        var fromDay = day("from", from);
        var toDay = day("to", to);
        return new AuditQuery(actor, action, entityType, entityId,
                fromDay == null ? null : fromDay.atStartOfDay().toInstant(ZoneOffset.UTC),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), text);
    }

    String queryString() {
        var base = PagerLinks.base("", "actor", actor, "action", action, "entityType", entityType, "entityId", entityId,
                "from", from, "to", to, "text", text);
        // base is "?" without filters, else "?a=1&b=2&": strip the leading ? and the trailing separator.
        return base.length() <= 1 ? "" : base.substring(1, base.length() - 1);
    }

    private static LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "must be a date like 2026-01-31");
        }
    }
}
