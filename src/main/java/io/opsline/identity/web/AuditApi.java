package io.opsline.identity.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.opsline.identity.RequiresRole;
import io.opsline.identity.Role;
import io.opsline.identity.internal.AuditRecord;
import io.opsline.identity.internal.AuditRepository;
import io.opsline.identity.internal.AuditVerification;
import io.opsline.identity.internal.AuditVerifier;
import io.opsline.platform.Page;
import io.opsline.platform.PageRequest;

/** The audit log over REST: search, CSV export, and the tamper check. */
@RestController
@RequestMapping("/api/v1/audit")
@RequiresRole(Role.ADMIN)
class AuditApi {

    private final AuditRepository records;
    private final AuditVerifier verifier;

    AuditApi(AuditRepository records, AuditVerifier verifier) {
        this.records = records;
        this.verifier = verifier;
    }

    @GetMapping
    Page<AuditRecord> search(AuditFilter filter, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return records.search(filter.toQuery(), PageRequest.of(page, size));
    }

    /** Re-checks every record's hash and link; {@code intact: false} names the first broken record. */
    @GetMapping("/verify")
    AuditVerification verify() {
        return verifier.verify();
    }

    @GetMapping("/export")
    void export(AuditFilter filter, HttpServletResponse response) throws IOException {
        AuditCsv.write(records, filter.toQuery(), response);
    }
}
