package io.opsline.alerting;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification about an alert group reached its channel: published once per successful delivery,
 * by the node that recorded it.
 *
 * @param channel the channel's name
 * @param target whom it went to: the e-mail recipients, or the channel's kind for a webhook
 * @param kind what it said: {@code triggered}, {@code escalated}, {@code acknowledged} or {@code resolved}
 */
public record GroupNotified(UUID groupId, String channel, String target, String kind, Instant at) {
}
