package io.opsline.inventory.internal;

import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.RelationshipType;

/**
 * A relationship as files carry it: both ends by class and name (and external id when they have
 * one). The end ids let an export keep only relationships whose ends it exported.
 */
record RelationshipExport(UUID sourceId, CiClass sourceClass, String sourceName, String sourceExternalId,
        RelationshipType type, UUID targetId, CiClass targetClass, String targetName, String targetExternalId) {
}
