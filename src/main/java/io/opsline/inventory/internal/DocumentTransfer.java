package io.opsline.inventory.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.opsline.platform.FieldViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * YAML and JSON documents: {@code {cis: [...], relationships: [...]}}, each CI shaped like the
 * API's (so an API answer can be imported), each relationship as
 * {@code {source: {class, name} | {externalId}, type, target: ...}}.
 */
final class DocumentTransfer {

    private static final Set<String> READ_ONLY = Set.of("id", "version", "createdAt", "updatedAt", "ownerTeamId");
    private static final Map<String, CiField> LIFECYCLE = Map.of("vendor", CiField.VENDOR, "model", CiField.MODEL,
            "serialNumber", CiField.SERIAL_NUMBER, "purchaseDate", CiField.PURCHASE_DATE, "purchaseCost",
            CiField.PURCHASE_COST, "warrantyEnd", CiField.WARRANTY_END, "endOfLife", CiField.END_OF_LIFE);

    private DocumentTransfer() {
    }

    static ImportDocument read(ObjectMapper mapper, InputStream input) {
        var errors = new ArrayList<FieldViolation>();
        JsonNode root;
        try {
            root = mapper.readTree(input);
        } catch (JacksonException e) {
            var location = e.getLocation();
            var where = location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr();
            errors.add(new FieldViolation(location == null ? null : location.getLineNr(), "file",
                    "not a readable document%s: %s".formatted(where, e.getOriginalMessage())));
            return new ImportDocument(List.of(), List.of(), errors);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            errors.add(new FieldViolation(null, "file", "the document is empty"));
            return new ImportDocument(List.of(), List.of(), errors);
        }
        if (!root.isObject()) {
            errors.add(new FieldViolation(null, "file", "expected a map with 'cis' and/or 'relationships' lists"));
            return new ImportDocument(List.of(), List.of(), errors);
        }
        for (var name : root.propertyNames()) {
            if (!name.equals("cis") && !name.equals("relationships")) {
                errors.add(new FieldViolation(null, name, "unknown section; expected 'cis' and/or 'relationships'"));
            }
        }
        var cis = new ArrayList<CiRow>();
        var list = root.path("cis");
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            errors.add(new FieldViolation(null, "cis", "must be a list"));
        } else {
            int row = 0;
            for (var node : list) {
                cis.add(ci(++row, node, errors));
            }
        }
        var relationships = new ArrayList<RelationshipRow>();
        var links = root.path("relationships");
        if (!links.isMissingNode() && !links.isNull() && !links.isArray()) {
            errors.add(new FieldViolation(null, "relationships", "must be a list"));
        } else {
            int row = 0;
            for (var node : links) {
                relationships.add(relationship(++row, node, errors));
            }
        }
        return new ImportDocument(cis, relationships, errors);
    }

    private static CiRow ci(int row, JsonNode node, List<FieldViolation> errors) {
        var values = new EnumMap<CiField, Object>(CiField.class);
        var attributes = new LinkedHashMap<String, String>();
        if (!node.isObject()) {
            errors.add(new FieldViolation(row, "cis", "each CI must be a map of fields"));
            return new CiRow(row, values, attributes);
        }
        for (var entry : node.properties()) {
            var name = entry.getKey();
            var value = entry.getValue();
            switch (name) {
                case "tags" -> values.put(CiField.TAGS, list(row, "cis.tags", value, errors));
                case "addresses" -> values.put(CiField.ADDRESSES, list(row, "cis.addresses", value, errors));
                case "attributes" -> {
                    if (value.isObject()) {
                        value.properties().forEach(a -> attributes.put(a.getKey(), scalar(row, "cis.attributes." + a.getKey(),
                                a.getValue(), errors)));
                    } else if (!value.isNull()) {
                        errors.add(new FieldViolation(row, "cis.attributes", "must be a map of names to values"));
                    }
                }
                case "lifecycle" -> {
                    if (value.isObject()) {
                        value.properties().forEach(l -> {
                            var field = LIFECYCLE.get(l.getKey());
                            if (field == null) {
                                errors.add(new FieldViolation(row, "cis.lifecycle." + l.getKey(), "unknown field"));
                            } else {
                                values.put(field, scalar(row, "cis." + field.path, l.getValue(), errors));
                            }
                        });
                    } else if (!value.isNull()) {
                        errors.add(new FieldViolation(row, "cis.lifecycle", "must be a map"));
                    }
                }
                default -> {
                    var field = java.util.Arrays.stream(CiField.values())
                            .filter(f -> f.path.equals(name) && !f.path.contains(".") && f != CiField.TAGS
                                    && f != CiField.ADDRESSES && f != CiField.ATTRIBUTES)
                            .findFirst();
                    if (field.isPresent()) {
                        values.put(field.get(), scalar(row, "cis." + name, value, errors));
                    } else if (!READ_ONLY.contains(name)) {
                        errors.add(new FieldViolation(row, "cis." + name, "unknown field"));
                    }
                }
            }
        }
        return new CiRow(row, values, attributes);
    }

    private static RelationshipRow relationship(int row, JsonNode node, List<FieldViolation> errors) {
        if (!node.isObject()) {
            errors.add(new FieldViolation(row, "relationships", "each relationship must be a map"));
            return new RelationshipRow(row, new RelationshipRow.End(null, null, null), null,
                    new RelationshipRow.End(null, null, null));
        }
        for (var name : node.propertyNames()) {
            if (!Set.of("source", "type", "target", "id", "createdAt").contains(name)) {
                errors.add(new FieldViolation(row, "relationships." + name, "unknown field"));
            }
        }
        return new RelationshipRow(row, end(row, "relationships.source", node.path("source"), errors),
                scalar(row, "relationships.type", node.path("type"), errors),
                end(row, "relationships.target", node.path("target"), errors));
    }

    private static RelationshipRow.End end(int row, String field, JsonNode node, List<FieldViolation> errors) {
        if (!node.isObject()) {
            errors.add(new FieldViolation(row, field, "must be a map with 'externalId', or 'class' and 'name'"));
            return new RelationshipRow.End(null, null, null);
        }
        return new RelationshipRow.End(scalar(row, field + ".externalId", node.path("externalId"), errors),
                scalar(row, field + ".class", node.path("class"), errors),
                scalar(row, field + ".name", node.path("name"), errors));
    }

    private static String scalar(int row, String field, JsonNode value, List<FieldViolation> errors) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            errors.add(new FieldViolation(row, field, "must be a single value"));
            return null;
        }
        return value.asString();
    }

    private static List<String> list(int row, String field, JsonNode value, List<FieldViolation> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return List.of(value.asString());
        }
        if (!value.isArray()) {
            errors.add(new FieldViolation(row, field, "must be a list"));
            return null;
        }
        var items = new ArrayList<String>();
        for (var item : value) {
            var text = scalar(row, field, item, errors);
            if (text != null) {
                items.add(text);
            }
        }
        return items;
    }

    /** Streams a document: CIs first, then relationships, so memory stays flat for any inventory size. */
    static void write(ObjectMapper mapper, OutputStream output, Consumer<Consumer<CiView>> cis,
            Consumer<Consumer<RelationshipExport>> relationships) {
        try (JsonGenerator generator = mapper.createGenerator(output)) {
            generator.writeStartObject();
            generator.writeName("cis");
            generator.writeStartArray();
            cis.accept(ci -> generator.writePOJO(exported(ci)));
            generator.writeEndArray();
            generator.writeName("relationships");
            generator.writeStartArray();
            relationships.accept(r -> generator.writePOJO(exported(r)));
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    /** A CI as it is written to a file: no ids or bookkeeping, no empty fields. */
    private static Map<String, Object> exported(CiView ci) {
        var map = new LinkedHashMap<String, Object>();
        putIfPresent(map, "externalId", ci.externalId());
        map.put("class", ci.ciClass().key());
        map.put("name", ci.name());
        map.put("status", ci.status().key());
        map.put("environment", ci.environment().key());
        map.put("criticality", ci.criticality().key());
        putIfPresent(map, "ownerTeam", ci.ownerTeam());
        putIfPresent(map, "location", ci.location());
        putIfPresent(map, "description", ci.description());
        if (!ci.tags().isEmpty()) {
            map.put("tags", ci.tags());
        }
        if (!ci.addresses().isEmpty()) {
            map.put("addresses", ci.addresses());
        }
        if (!ci.attributes().isEmpty()) {
            map.put("attributes", ci.attributes());
        }
        var l = ci.lifecycle();
        var lifecycle = new LinkedHashMap<String, Object>();
        putIfPresent(lifecycle, "vendor", l.vendor());
        putIfPresent(lifecycle, "model", l.model());
        putIfPresent(lifecycle, "serialNumber", l.serialNumber());
        putIfPresent(lifecycle, "purchaseDate", l.purchaseDate());
        putIfPresent(lifecycle, "purchaseCost", l.purchaseCost() == null ? null : l.purchaseCost().toPlainString());
        putIfPresent(lifecycle, "warrantyEnd", l.warrantyEnd());
        putIfPresent(lifecycle, "endOfLife", l.endOfLife());
        if (!lifecycle.isEmpty()) {
            map.put("lifecycle", lifecycle);
        }
        return map;
    }

    private static Map<String, Object> exported(RelationshipExport r) {
        var map = new LinkedHashMap<String, Object>();
        map.put("source", end(r.sourceClass().key(), r.sourceName()));
        map.put("type", r.type().key());
        map.put("target", end(r.targetClass().key(), r.targetName()));
        return map;
    }

    private static Map<String, Object> end(String ciClass, String name) {
        var map = new LinkedHashMap<String, Object>();
        map.put("class", ciClass);
        map.put("name", name);
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }
}
