package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.util.UUID;

/**
 * Someone on call from {@code from} to {@code to}.
 *
 * @param origin the name of the layer the shift comes from, or {@code "override"}
 */
public record Shift(UUID userId, String username, Instant from, Instant to, String origin) {
}
