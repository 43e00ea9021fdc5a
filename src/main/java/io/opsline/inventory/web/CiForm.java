package io.opsline.inventory.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;

import io.opsline.inventory.internal.CiInput;
import io.opsline.inventory.internal.CiView;
import io.opsline.platform.FieldViolation;
import io.opsline.platform.InvalidInputException;

/**
 * The CI edit form's fields, named as the validator names them (so each message lands beside its
 * field). Tags and addresses are typed separated by commas, spaces or new lines; attributes one
 * {@code name = value} per line.
 */
public record CiForm(Map<String, String> values) {

    static final List<String> FIELDS = List.of("externalId", "class", "name", "status", "environment", "criticality",
            "ownerTeam", "location", "description", "tags", "addresses", "attributes", "lifecycle.vendor",
            "lifecycle.model", "lifecycle.serialNumber", "lifecycle.purchaseDate", "lifecycle.purchaseCost",
            "lifecycle.warrantyEnd", "lifecycle.endOfLife", "version");

    static CiForm from(MultiValueMap<String, String> request) {
        var values = new LinkedHashMap<String, String>();
        FIELDS.forEach(field -> values.put(field, request.getFirst(field)));
        return new CiForm(values);
    }

    static CiForm of(CiView ci) {
        var values = new LinkedHashMap<String, String>();
        var l = ci.lifecycle();
        values.put("externalId", ci.externalId());
        values.put("class", ci.ciClass().key());
        values.put("name", ci.name());
        values.put("status", ci.status().key());
        values.put("environment", ci.environment().key());
        values.put("criticality", ci.criticality().key());
        values.put("ownerTeam", ci.ownerTeam());
        values.put("location", ci.location());
        values.put("description", ci.description());
        values.put("tags", String.join(", ", ci.tags()));
        values.put("addresses", String.join(", ", ci.addresses()));
        var attributes = new StringBuilder();
        ci.attributes().forEach((k, v) -> attributes.append(k).append(" = ").append(v).append('\n'));
        values.put("attributes", attributes.toString());
        values.put("lifecycle.vendor", l.vendor());
        values.put("lifecycle.model", l.model());
        values.put("lifecycle.serialNumber", l.serialNumber());
        values.put("lifecycle.purchaseDate", l.purchaseDate() == null ? null : l.purchaseDate().toString());
        values.put("lifecycle.purchaseCost", l.purchaseCost() == null ? null : l.purchaseCost().toPlainString());
        values.put("lifecycle.warrantyEnd", l.warrantyEnd() == null ? null : l.warrantyEnd().toString());
        values.put("lifecycle.endOfLife", l.endOfLife() == null ? null : l.endOfLife().toString());
        values.put("version", Long.toString(ci.version()));
        return new CiForm(values);
    }

    static CiForm blank() {
        var values = new LinkedHashMap<String, String>();
        FIELDS.forEach(field -> values.put(field, null));
        values.put("status", "active");
        values.put("environment", "production");
        values.put("criticality", "medium");
        return new CiForm(values);
    }

    /** Public because the form template reads it: SpEL only calls public methods. */
    public String get(String field) {
        return values.get(field);
    }

    CiInput toInput() {
        var version = values.get("version");
        Long parsedVersion = null;
        if (version != null && !version.isBlank()) {
            try {
                parsedVersion = Long.parseLong(version.strip());
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("version", "is not a number; reload the page");
            }
        }
        return new CiInput(get("externalId"), get("class"), get("name"), get("status"), get("environment"),
                get("criticality"), get("ownerTeam"), get("location"), get("description"), split(get("tags")),
                split(get("addresses")), attributes(get("attributes")),
                new CiInput.LifecycleInput(get("lifecycle.vendor"), get("lifecycle.model"),
                        get("lifecycle.serialNumber"), get("lifecycle.purchaseDate"), get("lifecycle.purchaseCost"),
                        get("lifecycle.warrantyEnd"), get("lifecycle.endOfLife")),
                parsedVersion);
    }

    private static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    private static Map<String, String> attributes(String text) {
        var attributes = new LinkedHashMap<String, String>();
        if (text == null || text.isBlank()) {
            return attributes;
        }
        var lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(FieldViolation.of("attributes",
                        "line %d is not 'name = value'".formatted(i + 1)));
            }
            attributes.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return attributes;
    }
}
