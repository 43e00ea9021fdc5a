package io.opsline.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reason input was refused. {@code field} names the offending field (dotted for nested
 * values, e.g. {@code lifecycle.purchaseDate}); {@code row} is the 1-based data row of an
 * imported file, or null outside imports.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldViolation(Integer row, String field, String message) {

    public static FieldViolation of(String field, String message) {
        return new FieldViolation(null, field, message);
    }

    public FieldViolation atRow(int row) {
        return new FieldViolation(row, field, message);
    }

    /** Messages per field, for showing each next to its form field; several for one field are joined. */
    public static Map<String, String> byField(List<FieldViolation> violations) {
        var messages = new LinkedHashMap<String, String>();
        for (var violation : violations) {
            messages.merge(violation.field(), violation.message(), (a, b) -> a + "; " + b);
        }
        return messages;
    }
}
