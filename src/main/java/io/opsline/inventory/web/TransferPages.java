package io.opsline.inventory.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.inventory.internal.CiExporter;
import io.opsline.inventory.internal.CiImporter;
import io.opsline.inventory.internal.TransferFormat;
import io.opsline.platform.InvalidInputException;
import io.opsline.platform.PayloadTooLargeException;

/** The import/export page: upload a file (with a dry run first), download the inventory. */
@Controller
class TransferPages {

    private final CiImporter importer;
    private final CiExporter exporter;

    TransferPages(CiImporter importer, CiExporter exporter) {
        this.importer = importer;
        this.exporter = exporter;
    }

    @GetMapping("/inventory/transfer")
    @RequiresRole(Role.VIEWER)
    String page() {
        return "inventory/transfer";
    }

    @PostMapping("/inventory/import")
    @RequiresRole(Role.OPERATOR)
    String importFile(@RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun, Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("importError", "Choose a file to import.");
            return page();
        }
        var format = TransferFormat.ofFileName(file.getOriginalFilename())
                .or(() -> TransferFormat.ofContentType(mediaType(file.getContentType())));
        if (format.isEmpty()) {
            model.addAttribute("importError", "Use a .csv, .yaml, .yml or .json file.");
            return page();
        }
        model.addAttribute("fileName", file.getOriginalFilename());
        try (var input = file.getInputStream()) {
            model.addAttribute("report", importer.importFile(format.get(), input, dryRun));
        } catch (InvalidInputException e) {
            model.addAttribute("importError", e.getMessage());
            model.addAttribute("rowErrors", e.violations());
        } catch (PayloadTooLargeException e) {
            model.addAttribute("importError", e.getMessage());
        }
        return page();
    }

    /** The upload's declared type; whatever the client sent, an unreadable one is simply no type. */
    private static org.springframework.http.MediaType mediaType(String text) {
        try {
            return text == null ? null : org.springframework.http.MediaType.parseMediaType(text);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return null;
        }
    }

    @GetMapping("/inventory/export")
    @RequiresRole(Role.VIEWER)
    void export(@RequestParam(defaultValue = "yaml") String format, @RequestParam(defaultValue = "cis") String kind,
            ListFilter filter, HttpServletResponse response) throws IOException {
        Exports.write(exporter, format, kind, filter, response);
    }
}
