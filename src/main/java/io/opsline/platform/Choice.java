package io.opsline.platform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An enum value with a stable lower-case key (used on the wire, in files and URLs) and a label
 * for people. Both follow from the constant's name ({@code VIRTUAL_MACHINE}: key
 * {@code virtual_machine}, label "Virtual machine") unless the enum says otherwise. Parsing
 * accepts the key or the constant name, case-insensitively.
 */
public interface Choice {

    /** The constant's name, as every enum has one. */
    String name();

    @JsonValue
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    default String label() {
        var words = key().replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static <E extends Enum<E> & Choice> Optional<E> parse(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var wanted = text.strip();
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.key().equalsIgnoreCase(wanted) || e.name().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /** The accepted keys, for error messages: "server, database, ...". */
    static <E extends Enum<E> & Choice> String keys(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choice::key).collect(Collectors.joining(", "));
    }

    /** Key to label, in declaration order, for select boxes. */
    static <E extends Enum<E> & Choice> Map<String, String> options(Class<E> type) {
        var options = new LinkedHashMap<String, String>();
        Arrays.stream(type.getEnumConstants()).forEach(e -> options.put(e.key(), e.label()));
        return options;
    }
}
