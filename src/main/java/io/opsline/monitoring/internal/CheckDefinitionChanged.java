package io.opsline.monitoring.internal;

import java.util.UUID;

/** A check was created, changed or deleted on this node; the scheduler picks it up at once. */
public record CheckDefinitionChanged(UUID checkId) {
}
