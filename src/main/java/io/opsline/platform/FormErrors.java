package io.opsline.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Messages for a form that was refused, keyed by field name so each shows beside its field.
 * An error that concerns no single field is kept under the key {@code ""} and shown at the top.
 */
public final class FormErrors {

    private FormErrors() {
    }

    public static Map<String, String> of(OpslineException e) {
        var violations = ProblemTypes.violations(e);
        if (violations.isEmpty()) {
            var general = new LinkedHashMap<String, String>();
            general.put("", e.getMessage());
            return general;
        }
        return FieldViolation.byField(violations);
    }

    /** A field key as people read it: {@code lifecycle.warrantyEnd} is "Warranty end". */
    public static String label(String field) {
        var last = field.substring(field.lastIndexOf('.') + 1);
        var words = last.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase();
        return words.isEmpty() ? "" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
