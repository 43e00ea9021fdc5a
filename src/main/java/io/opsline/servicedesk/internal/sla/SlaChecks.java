package io.opsline.servicedesk.internal.sla;

import io.opsline.platform.ConflictException;
import io.opsline.platform.InvalidInputException;

/** The optimistic-locking checks calendars and policies share. */
final class SlaChecks {

    private SlaChecks() {
    }

    /** A change must say which version it was made on, and that must still be the current one. */
    static void checkVersion(Long version, long current, String what) {
        if (version == null) {
            throw InvalidInputException.of("version", "is required: the version of " + what
                    + " the change is based on (now " + current + ")");
        }
        if (version != current) {
            throw changedMeanwhile(what);
        }
    }

    static ConflictException changedMeanwhile(String what) {
        return ConflictException.onField("version", what + " was changed by someone else; reload it and try again");
    }
}
