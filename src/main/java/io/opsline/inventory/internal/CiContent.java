package io.opsline.inventory.internal;

import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;

/**
 * Everything a user sets on a configuration item, validated and normalised (tags and addresses
 * lower-cased and sorted, attributes sorted, cost at two decimals), so two contents are equal
 * exactly when nothing would change.
 */
public record CiContent(String externalId, CiClass ciClass, String name, CiStatus status, Environment environment,
        Criticality criticality, UUID ownerTeamId, String location, String description, List<String> tags,
        List<String> addresses, SortedMap<String, String> attributes, Lifecycle lifecycle) {

    /** The text the list's search box looks in. */
    String searchText() {
        var text = new StringBuilder(name);
        append(text, externalId);
        append(text, location);
        append(text, lifecycle.vendor());
        append(text, lifecycle.model());
        append(text, lifecycle.serialNumber());
        tags.forEach(t -> append(text, t));
        addresses.forEach(a -> append(text, a));
        attributes.values().forEach(v -> append(text, v));
        var lower = text.toString().toLowerCase();
        return lower.length() > 8000 ? lower.substring(0, 8000) : lower;
    }

    private static void append(StringBuilder text, String value) {
        if (value != null && !value.isEmpty()) {
            text.append(' ').append(value);
        }
    }
}
