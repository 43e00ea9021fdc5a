package io.opsline.identity.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.opsline.identity.internal.AuditQuery;
import io.opsline.identity.internal.AuditRepository;

/** Streams audit records as CSV, including the hashes so an export can be checked independently. */
final class AuditCsv {

    private static final String[] HEADER = {"seq", "occurred_at", "actor", "channel", "credential", "remote_address",
            "action", "entity_type", "entity_id", "summary", "before", "after", "prev_hash", "hash"};

    private AuditCsv() {
    }

    static void write(AuditRepository records, AuditQuery query, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"opsline-audit.csv\"");
        var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (var csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            records.forEach(query, r -> {
                try {
                    csv.printRecord(r.seq(), r.occurredAt(), r.actor(), r.channel(), r.credential(), r.remoteAddress(),
                            r.action(), r.entityType(), r.entityId(), r.summary(), r.before(), r.after(), r.prevHash(),
                            r.hash());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
