package io.opsline.monitoring.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;

import io.opsline.monitoring.internal.CheckInput;
import io.opsline.monitoring.internal.CheckView;
import io.opsline.platform.Violations;
import io.opsline.monitoring.internal.Wording;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The check form's fields, named as the validator names them so each message lands beside its
 * field. The type's parameters are typed as one JSON object; messages about one of them
 * ({@code params.port}) show beside that box.
 */
public record CheckForm(Map<String, String> values) {

    static final List<String> FIELDS = List.of("ci", "name", "type", "params", "intervalSeconds",
            "retryIntervalSeconds", "maxAttempts", "timeoutSeconds", "enabled", "version");
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    static CheckForm from(MultiValueMap<String, String> request) {
        var values = new LinkedHashMap<String, String>();
        FIELDS.forEach(field -> values.put(field, request.getFirst(field)));
        // An unticked box is not sent at all.
        values.put("enabled", Boolean.toString("true".equals(request.getFirst("enabled"))));
        return new CheckForm(values);
    }

    static CheckForm of(CheckView check, JsonMapper json) {
        var values = new LinkedHashMap<String, String>();
        values.put("ci", check.ci().id().toString());
        values.put("name", check.name());
        values.put("type", check.type().key());
        values.put("params", json.writerWithDefaultPrettyPrinter().writeValueAsString(check.params()));
        values.put("intervalSeconds", Integer.toString(check.intervalSeconds()));
        values.put("retryIntervalSeconds", Integer.toString(check.retryIntervalSeconds()));
        values.put("maxAttempts", Integer.toString(check.maxAttempts()));
        values.put("timeoutSeconds", Wording.number(check.timeoutSeconds()));
        values.put("enabled", Boolean.toString(check.enabled()));
        values.put("version", Long.toString(check.version()));
        return new CheckForm(values);
    }

    /** A new check's form: enabled, on the CI given (if any), the rest left to the defaults. */
    static CheckForm blank(String ci) {
        var values = new LinkedHashMap<String, String>();
        FIELDS.forEach(field -> values.put(field, null));
        values.put("ci", ci);
        values.put("params", "{\n}");
        values.put("enabled", "true");
        return new CheckForm(values);
    }

    /** Public because the form template reads it: SpEL only calls public methods. */
    public String get(String field) {
        return values.get(field);
    }

    public boolean enabled() {
        return "true".equals(values.get("enabled"));
    }

    /** The input for the service; what cannot even be read (a word for a number, broken JSON) is refused first. */
    CheckInput toInput(JsonMapper json) {
        var v = new Violations();
        var interval = integer(v, "intervalSeconds");
        var retry = integer(v, "retryIntervalSeconds");
        var attempts = integer(v, "maxAttempts");
        Double timeout = null;
        var timeoutText = get("timeoutSeconds");
        if (timeoutText != null && !timeoutText.isBlank()) {
            try {
                timeout = Double.parseDouble(timeoutText.strip());
            } catch (NumberFormatException e) {
                v.add("timeoutSeconds", "must be a number of seconds, such as 10 or 2.5");
            }
        }
        Long version = null;
        var versionText = get("version");
        if (versionText != null && !versionText.isBlank()) {
            try {
                version = Long.parseLong(versionText.strip());
            } catch (NumberFormatException e) {
                v.add("version", "is not a number; reload the page");
            }
        }
        Map<String, Object> params = null;
        var paramsText = get("params");
        if (paramsText != null && !paramsText.isBlank()) {
            try {
                params = json.readValue(paramsText, PARAMS);
            } catch (JacksonException e) {
                v.add("params", "must be a JSON object such as {\"port\": 22}: " + e.getOriginalMessage());
            }
        }
        v.throwIfAny("Invalid check");
        return new CheckInput(get("ci"), get("name"), get("type"), params, interval, retry, attempts, timeout,
                enabled(), version);
    }

    private Integer integer(Violations v, String field) {
        var text = get(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            v.add(field, "must be a whole number");
            return null;
        }
    }
}
