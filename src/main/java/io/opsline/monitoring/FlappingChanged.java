package io.opsline.monitoring;

import java.time.Instant;
import java.util.UUID;

/** A check started or stopped flapping; while it flaps, its state changes raise no notifications. */
public record FlappingChanged(UUID checkId, UUID ciId, String checkName, boolean flapping, double percentChange,
        Instant at) {
}
