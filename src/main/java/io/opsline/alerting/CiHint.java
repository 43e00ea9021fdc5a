package io.opsline.alerting;

import java.util.UUID;

/**
 * What an event says about the CI it is about, as far as its sender knows: a CI id, a host name
 * or an IP address. Any of them may be null; the intake looks for the CI in that order.
 */
public record CiHint(UUID ciId, String hostname, String address) {

    public static final CiHint NONE = new CiHint(null, null, null);

    public static CiHint of(UUID ciId) {
        return new CiHint(ciId, null, null);
    }

    public boolean isEmpty() {
        return ciId == null && (hostname == null || hostname.isBlank()) && (address == null || address.isBlank());
    }
}
