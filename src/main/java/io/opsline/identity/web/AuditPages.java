package io.opsline.identity.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.internal.AuditRepository;
import io.opsline.identity.internal.AuditVerifier;
import io.opsline.platform.PageRequest;

/** The audit log page, its CSV export and the chain check. */
@Controller
@RequiresRole(Role.ADMIN)
class AuditPages {

    private final AuditRepository records;
    private final AuditVerifier verifier;

    AuditPages(AuditRepository records, AuditVerifier verifier) {
        this.records = records;
        this.verifier = verifier;
    }

    @GetMapping("/admin/audit")
    String list(AuditFilter filter, @RequestParam(required = false) Integer page, Model model) {
        var query = filter.toQuery();
        var filterQuery = filter.queryString();
        model.addAttribute("page", records.search(query, PageRequest.of(page, null)));
        model.addAttribute("query", query);
        model.addAttribute("from", filter.from());
        model.addAttribute("to", filter.to());
        model.addAttribute("filterQuery", filterQuery);
        model.addAttribute("pagerBase", "/admin/audit?" + (filterQuery.isEmpty() ? "" : filterQuery + "&"));
        return "identity/audit";
    }

    @PostMapping("/admin/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", verifier.verify());
        return list(new AuditFilter(null, null, null, null, null, null, null), null, model);
    }

    @GetMapping("/admin/audit.csv")
    void export(AuditFilter filter, HttpServletResponse response) throws IOException {
        AuditCsv.write(records, filter.toQuery(), response);
    }
}
