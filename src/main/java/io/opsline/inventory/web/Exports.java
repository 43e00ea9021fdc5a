package io.opsline.inventory.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import io.opsline.inventory.internal.CiExporter;
import io.opsline.inventory.internal.TransferFormat;
import io.opsline.platform.InvalidInputException;

/** Sends an export as a file download; shared by the API and the page. */
final class Exports {

    private Exports() {
    }

    static void write(CiExporter exporter, String formatText, String kindText, ListFilter filter,
            HttpServletResponse response) throws IOException {
        var format = TransferFormat.parse(formatText)
                .orElseThrow(() -> InvalidInputException.of("format", "must be csv, yaml or json"));
        CiExporter.Kind kind;
        try {
            kind = CiExporter.Kind.valueOf(kindText.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("kind", "must be cis or relationships");
        }
        // Filters are checked before the download starts, so a mistake is answered as an error, not a file.
        var query = exporter.query(filter.toFilter());
        var name = format == TransferFormat.CSV ? "opsline-" + kind.name().toLowerCase() : "opsline-inventory";
        response.setContentType(format.mediaType() + "; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"%s.%s\"".formatted(name, format.extension()));
        exporter.export(format, kind, query, response.getOutputStream());
    }
}
