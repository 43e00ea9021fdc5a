package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert group as other modules read it.
 *
 * @param title the summary of its root-cause alert
 * @param severity the worst severity among its open alerts; once resolved, the worst they had last
 * @param resolvedAt when its last alert was resolved; null while it is open
 */
public record AlertGroupSummary(UUID id, String title, Severity severity, UUID rootAlertId, Instant firstAlertAt,
        Instant resolvedAt) {

    public boolean open() {
        return resolvedAt == null;
    }
}
