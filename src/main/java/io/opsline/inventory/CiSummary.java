package io.opsline.inventory;

import java.util.List;
import java.util.UUID;

/** A configuration item as other modules need it: what it is, where it runs, how it is tagged. */
public record CiSummary(UUID id, CiClass ciClass, String name, CiStatus status, Environment environment,
        Criticality criticality, UUID ownerTeamId, List<String> tags, List<String> addresses) {
}
