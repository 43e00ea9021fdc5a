package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/**
 * Every alert of a group is resolved; the group stays resolved, and a new alert opens a new group.
 * {@code by} is who resolved its last alert (a user's name or a source), null when not known.
 */
public record AlertGroupResolved(UUID groupId, String by, Instant at) {
}
