package io.opsline.alerting.internal.intake;

import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_DEDUP_KEY_LENGTH;
import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_ENTRIES;
import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_NAME_LENGTH;
import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_REPORTED_PROBLEMS;
import static io.opsline.alerting.internal.intake.IntakeLimits.MAX_VALUE_LENGTH;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.opsline.platform.InvalidInputException;
import io.opsline.platform.Violations;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the fields of a parsed request body: lenient about fields it is not asked for, strict
 * about the types of those it is, and never throwing on a bad shape. Every problem becomes a
 * violation naming the field ({@code alerts[3].labels}), collected until the parser is done.
 */
final class JsonFields {

    /** The field name a violation about the request body as a whole carries. */
    static final String BODY = "body";

    // Decimals stay BigDecimal so a label's 1.10 keeps reading 1.10, not the double 1.1.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    /** What a map's values may be: only text, any single value, or anything at all. */
    enum Values {
        /** Go's {@code map[string]string}, as Alertmanager sends labels and annotations. */
        TEXT("must be an object of names to text", "must be text"),
        /** Text, or a number or true/false taken as their text. */
        SCALARS("must be an object of names to values", "must be text, a number or true/false"),
        /** Anything; objects and lists are kept as compact JSON. */
        ANY("must be an object of names to values", null);

        private final String notAnObject;
        private final String badValue;

        Values(String notAnObject, String badValue) {
            this.notAnObject = notAnObject;
            this.badValue = badValue;
        }
    }

    /** A sender's map as kept: its first entries, and how many more there were. */
    record Entries(Map<String, String> kept, int leftOut) {

        String get(String name) {
            return kept.get(name);
        }
    }

    private final Violations violations;
    private int problems;

    JsonFields(Violations violations) {
        this.violations = violations;
    }

    /**
     * The body as a JSON object; anything else (nothing, broken JSON, a list, a string) is refused
     * at once with {@code expected} saying what was wanted.
     */
    static JsonNode readObject(byte[] body, String expected) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? new byte[0] : body);
        } catch (JacksonException e) {
            var location = e.getLocation();
            var where = location == null || location.getLineNr() < 0 ? ""
                    : " at line %d, column %d".formatted(location.getLineNr(), location.getColumnNr());
            throw InvalidInputException.of(BODY, "is not valid JSON%s: %s".formatted(where,
                    cut(String.valueOf(e.getOriginalMessage()), MAX_NAME_LENGTH)));
        }
        if (root == null || root.isMissingNode()) {
            throw InvalidInputException.of(BODY, "is empty; expected " + expected);
        }
        if (!root.isObject()) {
            throw InvalidInputException.of(BODY, "must be " + expected);
        }
        return root;
    }

    /** Where a field sits in its parent: {@code summary} at the top, {@code events[2].summary} below. */
    static String at(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String at(String list, int index) {
        return list + "[" + index + "]";
    }

    /** Absent, or JSON null: both mean the sender did not say. */
    static boolean absent(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull();
    }

    /** Absent, null, or text with nothing but white space in it. */
    static boolean blank(JsonNode node) {
        return absent(node) || node.isString() && clean(node.stringValue()).isBlank();
    }

    /** Adds a violation; beyond {@link IntakeLimits#MAX_REPORTED_PROBLEMS} it is only counted. */
    void add(String field, String message) {
        if (problems++ < MAX_REPORTED_PROBLEMS) {
            violations.add(field, message);
        }
    }

    /** How many problems were found so far; a reader compares before and after to know whether its part was fine. */
    int problems() {
        return problems;
    }

    /** Whether enough problems were found that reading on would only make the answer longer. */
    boolean full() {
        return problems >= MAX_REPORTED_PROBLEMS;
    }

    /** Text cut to {@link IntakeLimits#MAX_VALUE_LENGTH}; null when absent or blank, a violation when not text. */
    String value(JsonNode node, String field) {
        return cut(text(node, field), MAX_VALUE_LENGTH);
    }

    /** Text, stripped, uncut; null when absent or blank, and a violation when the value is not text. */
    String text(JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            add(field, "must be text");
            return null;
        }
        var text = clean(node.stringValue()).strip();
        return text.isEmpty() ? null : text;
    }

    /** Text that must be there: a violation saying {@code missing} when it is absent or blank. */
    String requiredText(JsonNode node, String field, String missing) {
        var text = text(node, field);
        if (text == null && blank(node)) {
            add(field, missing);
        }
        return text;
    }

    /** A sender's dedup key, refused when too long (see {@link IntakeLimits#MAX_DEDUP_KEY_LENGTH}). */
    String dedupKey(JsonNode node, String field) {
        var key = text(node, field);
        if (key != null && key.length() > MAX_DEDUP_KEY_LENGTH) {
            add(field, "must be at most %d characters".formatted(MAX_DEDUP_KEY_LENGTH));
            return null;
        }
        return key;
    }

    /** A point in time; null when absent, and a violation when it is not ISO 8601 with an offset. */
    Instant instant(JsonNode node, String field) {
        if (absent(node)) {
            return null;
        }
        var instant = node.isString() ? Timestamps.parse(node.stringValue()) : null;
        if (instant == null) {
            add(field, Timestamps.EXPECTED);
        }
        return instant;
    }

    /** A whole number of at least 0; a violation when it is something else. */
    void count(JsonNode node, String field) {
        if (!absent(node) && !(node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0)) {
            add(field, "must be a whole number of at least 0");
        }
    }

    /**
     * A map of names to values, in the sender's order, cut to the limits: the first
     * {@link IntakeLimits#MAX_ENTRIES} entries, names and values cut to their lengths. A null value
     * is left out (the sender did not say); an empty name is a violation.
     */
    Entries map(JsonNode node, String field, Values values) {
        var kept = new LinkedHashMap<String, String>();
        if (absent(node)) {
            return new Entries(kept, 0);
        }
        if (!node.isObject()) {
            add(field, values.notAnObject);
            return new Entries(kept, 0);
        }
        int leftOut = 0;
        for (var entry : node.properties()) {
            if (full()) {
                break;
            }
            var name = clean(entry.getKey()).strip();
            var value = entry.getValue();
            if (name.isEmpty()) {
                add(field, "has an entry without a name");
                continue;
            }
            name = cut(name, MAX_NAME_LENGTH);
            var text = entryValue(value, at(field, name), values);
            if (text == null) {
                continue;
            }
            if (kept.size() == MAX_ENTRIES) {
                leftOut++;
            } else {
                kept.putIfAbsent(name, cut(clean(text), MAX_VALUE_LENGTH));
            }
        }
        return new Entries(kept, leftOut);
    }

    private String entryValue(JsonNode value, String field, Values values) {
        if (value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (values == Values.TEXT || values == Values.SCALARS && !(value.isNumber() || value.isBoolean())) {
            add(field, values.badValue);
            return null;
        }
        // A big decimal keeps its scientific form (1E+5): its plain form of 1E+999999999 would not fit in memory.
        return value.isValueNode() ? value.asString() : value.toString();
    }

    /**
     * Records in the details that a map was cut, so nobody takes what is shown for all the sender
     * said. Opsline's own notes come on top of the limit on the sender's entries.
     */
    static void noteLeftOut(Map<String, String> details, String what, int leftOut) {
        if (leftOut > 0) {
            details.put("opsline.leftOut." + what, "%d more %s beyond the first %d were left out"
                    .formatted(leftOut, what, MAX_ENTRIES));
        }
    }

    /** A link a person may click: an absolute http or https URL, else null. */
    static String webLink(String text) {
        if (text == null || text.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        try {
            var uri = new URI(text);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // Anything else (javascript:, data:) would run in the browser of whoever clicks it.
            return (scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null ? text : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * Text cut to {@code max} characters, the last of them an ellipsis so a reader sees it was cut;
     * a surrogate pair is never split.
     */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /**
     * Text without control characters other than tab and line breaks: PostgreSQL refuses NUL in
     * text, and the rest only garble what a person reads.
     */
    static String clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnwanted(text.charAt(i))) {
                var kept = new StringBuilder(text.length());
                text.chars().filter(c -> !isUnwanted((char) c)).forEach(c -> kept.append((char) c));
                return kept.toString();
            }
        }
        return text;
    }

    private static boolean isUnwanted(char c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }

    /** The text on one line, runs of white space (line breaks too) made one space. */
    static String oneLine(String text) {
        if (text == null || isOneLine(text)) {
            return text;
        }
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /**
     * Whether the text is on one line already: no white space but single spaces, none at either
     * end. Most are, and this look costs a fraction of the rewrite that {@link #oneLine} would do.
     */
    private static boolean isOneLine(String text) {
        if (text.isEmpty()) {
            return true;
        }
        if (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1))) {
            return false;
        }
        var previous = 'x';
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            // What \s matches besides the space: tab, line feed, vertical tab, form feed, carriage return.
            if (c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || (c == ' ' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** The first line of text that is not blank, or null. */
    static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        for (var line : LINE_BREAK.split(text)) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return null;
    }
}
