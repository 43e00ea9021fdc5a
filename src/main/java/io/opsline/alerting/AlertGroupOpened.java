package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/**
 * A new alert group opened: an alert that joined no open group. What pages people: once per group,
 * not once per alert. Published once, by the node that stored it.
 *
 * @param rootAlertId the alert that opened it, its root cause until a more upstream one joins
 */
public record AlertGroupOpened(UUID groupId, UUID rootAlertId, Severity severity, String title, Instant at) {
}
