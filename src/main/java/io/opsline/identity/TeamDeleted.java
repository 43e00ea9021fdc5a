package io.opsline.identity;

import java.util.UUID;

/**
 * Published inside the transaction that deletes a team, so modules holding references to it
 * can clear them atomically with the deletion.
 */
public record TeamDeleted(UUID teamId, String name) {
}
