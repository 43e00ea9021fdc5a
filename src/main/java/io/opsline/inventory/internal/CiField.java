package io.opsline.inventory.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of a CI as files carry them: the name in YAML/JSON documents and API errors
 * ({@code path}) and the CSV column ({@code column}). Attributes travel as one {@code attr.<key>}
 * column per attribute.
 */
enum CiField {

    EXTERNAL_ID("externalId", "external_id"),
    CLASS("class", "class"),
    NAME("name", "name"),
    STATUS("status", "status"),
    ENVIRONMENT("environment", "environment"),
    CRITICALITY("criticality", "criticality"),
    OWNER_TEAM("ownerTeam", "owner_team"),
    LOCATION("location", "location"),
    DESCRIPTION("description", "description"),
    TAGS("tags", "tags"),
    ADDRESSES("addresses", "addresses"),
    ATTRIBUTES("attributes", "attr."),
    VENDOR("lifecycle.vendor", "vendor"),
    MODEL("lifecycle.model", "model"),
    SERIAL_NUMBER("lifecycle.serialNumber", "serial_number"),
    PURCHASE_DATE("lifecycle.purchaseDate", "purchase_date"),
    PURCHASE_COST("lifecycle.purchaseCost", "purchase_cost"),
    WARRANTY_END("lifecycle.warrantyEnd", "warranty_end"),
    END_OF_LIFE("lifecycle.endOfLife", "end_of_life");

    static final String ATTRIBUTE_COLUMN_PREFIX = "attr.";

    final String path;
    final String column;

    CiField(String path, String column) {
        this.path = path;
        this.column = column;
    }

    static Optional<CiField> byColumn(String column) {
        if (column.startsWith(ATTRIBUTE_COLUMN_PREFIX)) {
            return Optional.of(ATTRIBUTES);
        }
        return Arrays.stream(values()).filter(f -> f != ATTRIBUTES && f.column.equals(column)).findFirst();
    }

    /** The CSV column a validator field path refers to, e.g. {@code lifecycle.purchaseDate} → {@code purchase_date}. */
    static String columnOf(String path) {
        if (path.startsWith("attributes.")) {
            return ATTRIBUTE_COLUMN_PREFIX + path.substring("attributes.".length());
        }
        return Arrays.stream(values()).filter(f -> f.path.equals(path)).map(f -> f.column).findFirst().orElse(path);
    }
}
