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
}
