package io.opsline.inventory.internal;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;

/** A short reference to a CI: enough to show and link it. */
public record CiRef(UUID id, @JsonProperty("class") CiClass ciClass, String name, CiStatus status,
        Criticality criticality) {
}
