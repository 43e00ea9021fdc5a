package io.opsline.inventory.internal;

import java.util.UUID;

import io.opsline.inventory.CiClass;

/** What identifies a stored CI for reconciliation: its class and lower-cased name, or its external id. */
public record CiKey(UUID id, CiClass ciClass, String nameKey, String externalId) {
}
