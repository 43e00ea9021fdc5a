package io.opsline.inventory.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A configuration item as a client sends it (API body, form, import row). Everything is text so
 * that each bad value comes back as a named violation rather than a parse failure.
 *
 * @param ownerTeam a team name or id
 * @param version   the version last read; required when updating through the API
 */
public record CiInput(String externalId, @JsonProperty("class") String ciClass, String name, String status,
        String environment, String criticality, String ownerTeam, String location, String description,
        List<String> tags, List<String> addresses, Map<String, String> attributes, LifecycleInput lifecycle,
        Long version) {

    /** Lifecycle facts as text: dates as {@code 2026-01-31}, cost as a decimal number. */
    public record LifecycleInput(String vendor, String model, String serialNumber, String purchaseDate,
            String purchaseCost, String warrantyEnd, String endOfLife) {
    }
}
