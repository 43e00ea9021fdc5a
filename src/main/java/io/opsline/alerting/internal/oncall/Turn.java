package io.opsline.alerting.internal.oncall;

import java.time.Instant;
import java.util.UUID;

/** One person's time in a layer or override, before names are looked up. */
record Turn(UUID userId, Instant from, Instant to, String origin) {

    boolean covers(Instant at) {
        return !from.isAfter(at) && to.isAfter(at);
    }
}
