package io.opsline.monitoring.web;

import io.opsline.platform.Violations;

/** An acknowledgement's optional expiry as typed into a form, read before the service sees the acknowledgement. */
final class Expiry {

    private Expiry() {
    }

    /**
     * The expiry as the service takes it (ISO-8601 with an offset), null when left empty. One that
     * cannot be read is refused, together with a missing comment, as the service would have said
     * that too, so that both show at once.
     *
     * @param zone the browser's time zone as the form reported it
     */
    static String read(String text, String zone, String comment) {
        var v = new Violations();
        var timeZone = LocalTimes.zone(zone);
        var expiresAt = LocalTimes.instant(v, "expiresAt", text, timeZone);
        if (!v.isEmpty()) {
            if (comment == null || comment.isBlank()) {
                v.add("comment", "is required");
            }
            v.throwIfAny("Invalid acknowledgement");
        }
        return LocalTimes.iso(expiresAt, timeZone);
    }
}
