package io.opsline.inventory.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.inventory.internal.CiExporter;
import io.opsline.inventory.internal.CiImporter;
import io.opsline.inventory.internal.ImportReport;
import io.opsline.inventory.internal.TransferFormat;
import io.opsline.platform.InvalidInputException;

/** Bulk import and export of the inventory in CSV, YAML or JSON. */
@RestController
class TransferApi {

    private final CiImporter importer;
    private final CiExporter exporter;

    TransferApi(CiImporter importer, CiExporter exporter) {
        this.importer = importer;
        this.exporter = exporter;
    }

    /**
     * Imports the request body: {@code text/csv} (CIs or relationships, told apart by the header),
     * {@code application/yaml} or {@code application/json} ({@code {cis: [...], relationships: [...]}}).
     * With {@code dryRun=true} nothing is written, only checked and counted.
     */
    @PostMapping("/api/v1/import")
    @RequiresRole(Role.OPERATOR)
    ImportReport importFile(@RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestParam(defaultValue = "false") boolean dryRun, InputStream body) {
        MediaType type = null;
        if (contentType != null) {
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (IllegalArgumentException e) {
                type = null;
            }
        }
        var format = TransferFormat.ofContentType(type).orElseThrow(() -> InvalidInputException.of("Content-Type",
                "send text/csv, application/yaml or application/json"));
        return importer.importFile(format, body, dryRun);
    }

    /**
     * Exports CIs matching the same filters as the list, with the relationships between them.
     * CSV holds one kind per file ({@code kind=cis} or {@code relationships}).
     */
    @GetMapping("/api/v1/export")
    @RequiresRole(Role.VIEWER)
    void export(@RequestParam(defaultValue = "yaml") String format, @RequestParam(defaultValue = "cis") String kind,
            ListFilter filter, HttpServletResponse response) throws IOException {
        Exports.write(exporter, format, kind, filter, response);
    }
}
