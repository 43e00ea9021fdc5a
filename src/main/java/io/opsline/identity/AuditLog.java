package io.opsline.identity;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.opsline.identity.internal.AuditWriter;

/**
 * Where every module records the changes users make. Entries are written in the caller's
 * transaction, so a change and its audit record are stored together or not at all, and the
 * signed-in user (or token, or "system") is taken from the security context.
 */
@Service
public class AuditLog {

    private final AuditWriter writer;

    AuditLog(AuditWriter writer) {
        this.writer = writer;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        writer.append(List.of(entry));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<AuditEntry> entries) {
        writer.append(entries);
    }
}
