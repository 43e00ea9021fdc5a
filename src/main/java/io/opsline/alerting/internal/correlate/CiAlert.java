package io.opsline.alerting.internal.correlate;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert of a group as topology and root-cause choice see it: the first alert on each of the
 * group's CIs, and the group's root cause (whose {@code ciId} may be null).
 */
record CiAlert(UUID groupId, UUID ciId, UUID alertId, Instant firstSeen, String summary) {
}
