package io.opsline.inventory;

import java.util.UUID;

/**
 * Published inside the transaction that creates or changes a configuration item (through the
 * API, a form or an import row), so modules that act on what a CI is (check templates matching
 * its class, tags and status) can follow the change atomically with it. Not published when a
 * save changed nothing.
 */
public record CiSaved(UUID ciId) {
}
