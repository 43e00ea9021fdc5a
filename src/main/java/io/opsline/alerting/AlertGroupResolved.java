package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/** Every alert of a group is resolved; the group stays resolved, and a new alert opens a new group. */
public record AlertGroupResolved(UUID groupId, Instant at) {
}
