package io.opsline.servicedesk.internal.request;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsline.platform.Violations;

/**
 * One field of a request type's form. {@code choices} is only for {@link FieldKind#CHOICE} fields,
 * {@code maxLength} only for {@link FieldKind#TEXT} ones (null: {@link #DEFAULT_MAX_LENGTH}).
 */
public record RequestField(String key, String label, FieldKind kind, boolean required, List<String> choices,
        Integer maxLength) {

    static final int DEFAULT_MAX_LENGTH = 2000;
    static final int MAX_TEXT_LENGTH = 20_000;
    private static final Map<String, Boolean> BOOLEANS = Map.of("true", true, "yes", true, "on", true, "false", false,
            "no", false, "off", false);

    public RequestField {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /**
     * The value as stored (numbers plain, dates ISO, booleans true/false, choices as the type spells
     * them), or null when none is given; a violation on {@code values.<key>} when it does not fit.
     */
    String accept(Object raw, Violations violations) {
        var field = "values." + key;
        if (raw != null && !(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
            violations.add(field, "must be a single value");
            return null;
        }
        var text = raw == null ? null : raw.toString().strip();
        if (text == null || text.isEmpty()) {
            if (required) {
                violations.add(field, "is required");
            }
            return null;
        }
        return switch (kind) {
            case TEXT -> {
                var found = violations.list().size();
                var accepted = violations.optional(field, text, maxLength == null ? DEFAULT_MAX_LENGTH : maxLength);
                yield violations.list().size() == found ? accepted : null;
            }
            case NUMBER -> {
                try {
                    yield new BigDecimal(text).stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    violations.add(field, "must be a number, such as 12 or 3.5");
                    yield null;
                }
            }
            case CHOICE -> choices.stream().filter(c -> c.equalsIgnoreCase(text)).findFirst().orElseGet(() -> {
                violations.add(field, "must be one of " + String.join(", ", choices));
                return null;
            });
            case DATE -> {
                try {
                    yield LocalDate.parse(text).toString();
                } catch (DateTimeParseException e) {
                    violations.add(field, "must be a date such as 2026-03-29");
                    yield null;
                }
            }
            case BOOLEAN -> {
                var value = BOOLEANS.get(text.toLowerCase(Locale.ROOT));
                if (value == null) {
                    violations.add(field, "must be true or false");
                }
                yield value == null ? null : value.toString();
            }
        };
    }
}
