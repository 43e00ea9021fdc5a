package io.opsline.inventory;

import java.util.UUID;

/**
 * Published inside the transaction that deletes a configuration item, so modules holding
 * things about it (checks, alerts) can remove or detach them atomically with the deletion.
 */
public record CiDeleted(UUID ciId, String name) {
}
