package io.opsline.identity.internal;

import java.time.Instant;

/** Filters for reading the audit log; null fields do not filter. */
public record AuditQuery(String actor, String action, String entityType, String entityId, Instant from, Instant to,
        String text) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null);
    }
}
