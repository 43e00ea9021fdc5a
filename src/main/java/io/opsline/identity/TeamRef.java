package io.opsline.identity;

import java.util.UUID;

/** A team as other modules see it. */
public record TeamRef(UUID id, String name) {
}
