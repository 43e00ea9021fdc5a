package io.opsline.inventory.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CI from an import file: only the fields the file gave. Merging it over a stored CI keeps
 * every field the file did not mention, so a sheet with three columns never wipes the rest.
 * Attributes merge by key; a key given with an empty value is removed.
 *
 * @param row    where the row is in the file, for error messages (CSV line, or position in a document)
 * @param values field to text ({@code null} clears); tags and addresses as lists
 */
record CiRow(int row, Map<CiField, Object> values, Map<String, String> attributes) {

    CiRow {
        var copy = new EnumMap<CiField, Object>(CiField.class);
        copy.putAll(values);
        values = copy;
        attributes = new LinkedHashMap<>(attributes);
    }

    String text(CiField field) {
        return (String) values.get(field);
    }

    boolean has(CiField field) {
        return values.containsKey(field);
    }

    /** This row over {@code base} (the stored CI as input, or an empty input for a new CI). */
    CiInput over(CiInput base) {
        var lifecycle = base.lifecycle() == null
                ? new CiInput.LifecycleInput(null, null, null, null, null, null, null)
                : base.lifecycle();
        var mergedAttributes = new LinkedHashMap<String, String>(base.attributes() == null ? Map.of() : base.attributes());
        attributes.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                mergedAttributes.remove(key);
            } else {
                mergedAttributes.put(key, value);
            }
        });
        return new CiInput(pick(CiField.EXTERNAL_ID, base.externalId()), pick(CiField.CLASS, base.ciClass()),
                pick(CiField.NAME, base.name()), pick(CiField.STATUS, base.status()),
                pick(CiField.ENVIRONMENT, base.environment()), pick(CiField.CRITICALITY, base.criticality()),
                pick(CiField.OWNER_TEAM, base.ownerTeam()), pick(CiField.LOCATION, base.location()),
                pick(CiField.DESCRIPTION, base.description()), list(CiField.TAGS, base.tags()),
                list(CiField.ADDRESSES, base.addresses()), mergedAttributes,
                new CiInput.LifecycleInput(pick(CiField.VENDOR, lifecycle.vendor()),
                        pick(CiField.MODEL, lifecycle.model()), pick(CiField.SERIAL_NUMBER, lifecycle.serialNumber()),
                        pick(CiField.PURCHASE_DATE, lifecycle.purchaseDate()),
                        pick(CiField.PURCHASE_COST, lifecycle.purchaseCost()),
                        pick(CiField.WARRANTY_END, lifecycle.warrantyEnd()),
                        pick(CiField.END_OF_LIFE, lifecycle.endOfLife())),
                base.version());
    }

    private String pick(CiField field, String fallback) {
        return values.containsKey(field) ? (String) values.get(field) : fallback;
    }

    @SuppressWarnings("unchecked")
    private List<String> list(CiField field, List<String> fallback) {
        if (!values.containsKey(field)) {
            return fallback;
        }
        var value = values.get(field);
        return value == null ? List.of() : (List<String>) value;
    }
}
