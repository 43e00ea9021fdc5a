package io.opsline.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Collects every problem with an input so the caller hears about all of them at once. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(FieldViolation.of(field, message));
        return this;
    }

    /** Adds a violation when the text is null or blank; returns the trimmed text otherwise. */
    public String required(String field, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            add(field, "is required");
            return null;
        }
        return optional(field, text, maxLength);
    }

    /** Returns the trimmed text, null for blank, and a violation when it is too long or holds control characters. */
    public String optional(String field, String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var trimmed = text.strip();
        if (trimmed.length() > maxLength) {
            add(field, "must be at most %d characters".formatted(maxLength));
        } else if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            add(field, "must not contain control characters");
        }
        return trimmed;
    }

    /** The id in the text, null when blank; a violation saying {@code message} when it is no id. */
    public UUID optionalId(String field, String text, String message) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var id = Ids.parseOrNull(text.strip());
        if (id == null) {
            add(field, message);
        }
        return id;
    }

    /** The choice named by the text (key or constant name), null when blank or unknown (with a violation). */
    public <E extends Enum<E> & Choice> E optionalChoice(String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        var choice = Choice.parse(type, text).orElse(null);
        if (choice == null) {
            add(field, "unknown value '%s': use one of %s".formatted(text, Choice.keys(type)));
        }
        return choice;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<FieldViolation> list() {
        return List.copyOf(found);
    }

    public void throwIfAny(String message) {
        if (!found.isEmpty()) {
            throw new InvalidInputException(message, found);
        }
    }
}
