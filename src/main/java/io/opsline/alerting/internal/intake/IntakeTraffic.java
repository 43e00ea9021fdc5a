package io.opsline.alerting.internal.intake;

import java.time.Instant;

/**
 * What one integration sent to this node since it started: what was stored and what was refused
 * and why, so that a flooding or misconfigured sender is visible at a glance.
 *
 * @param accepted events stored
 * @param rateLimited events refused because the integration exceeded its rate limit
 * @param invalid requests refused because their body did not fit the format
 * @param tooLarge requests refused because their body exceeded the size limit
 * @param lastEventAt when the integration last had events stored; null when never
 */
public record IntakeTraffic(long accepted, long rateLimited, long invalid, long tooLarge, Instant lastEventAt) {

    static final IntakeTraffic NONE = new IntakeTraffic(0, 0, 0, 0, null);
}
