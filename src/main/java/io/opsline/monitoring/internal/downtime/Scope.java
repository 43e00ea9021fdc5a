package io.opsline.monitoring.internal.downtime;

import java.util.UUID;

/** What a downtime covers. */
public sealed interface Scope {

    /** A whole CI, and with {@code withDependents} everything running on or connected to it. */
    record WholeCi(UUID ciId, boolean withDependents) implements Scope {
    }

    /** One check of a CI; the CI's other checks and its host state are not covered. */
    record OneCheck(UUID ciId, UUID checkId) implements Scope {
    }

    /** Every CI carrying the tag when the downtime is in force, not only those that did when it was made. */
    record Tagged(String tag) implements Scope {
    }
}
