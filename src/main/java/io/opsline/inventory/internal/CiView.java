package io.opsline.inventory.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;

/** A configuration item as the API, the pages and the audit log show it. */
public record CiView(UUID id, String externalId, @JsonProperty("class") CiClass ciClass, String name, CiStatus status,
        Environment environment, Criticality criticality, String ownerTeam, UUID ownerTeamId, String location,
        String description, List<String> tags, List<String> addresses, Map<String, String> attributes,
        Lifecycle lifecycle, long version, Instant createdAt, Instant updatedAt) {

    static CiView of(ConfigurationItem item, String teamName) {
        var c = item.content();
        return new CiView(item.id(), c.externalId(), c.ciClass(), c.name(), c.status(), c.environment(),
                c.criticality(), teamName, c.ownerTeamId(), c.location(), c.description(), c.tags(), c.addresses(),
                c.attributes(), c.lifecycle(), item.version(), item.createdAt(), item.updatedAt());
    }

    /** This CI as input, e.g. to fill an edit form or to merge an import row over. */
    public CiInput toInput() {
        var l = lifecycle;
        return new CiInput(externalId, ciClass.key(), name, status.key(), environment.key(), criticality.key(),
                ownerTeam, location, description, tags, addresses, attributes,
                new CiInput.LifecycleInput(l.vendor(), l.model(), l.serialNumber(), text(l.purchaseDate()),
                        l.purchaseCost() == null ? null : l.purchaseCost().toPlainString(), text(l.warrantyEnd()),
                        text(l.endOfLife())),
                version);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
