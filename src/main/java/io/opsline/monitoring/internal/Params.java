package io.opsline.monitoring.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.opsline.monitoring.internal.nagios.ThresholdRange;
import io.opsline.platform.Choice;
import io.opsline.platform.Violations;

/**
 * Reads a check's parameters (JSON values: strings, numbers, booleans, lists, objects) into
 * typed values, adding a violation named {@code params.<name>} for every value that does not fit,
 * and one for every parameter the check type does not know, so a typo is not silently ignored.
 */
final class Params {

    private final Map<String, Object> values;
    private final Violations violations;
    private final Set<String> read = new TreeSet<>();

    Params(Map<String, Object> values, Violations violations) {
        this.values = values == null ? Map.of() : values;
        this.violations = violations;
    }

    private Object value(String name) {
        read.add(name);
        var value = values.get(name);
        return value instanceof String s && s.isBlank() ? null : value;
    }

    private void invalid(String name, String message) {
        violations.add("params." + name, message);
    }

    /** Adds a violation for every parameter no reader asked for. */
    void rejectUnknown(String typeKey) {
        for (var name : new TreeSet<>(values.keySet())) {
            if (!read.contains(name)) {
                invalid(name, "is not a parameter of a %s check (it has: %s)".formatted(typeKey, String.join(", ", read)));
            }
        }
    }

    String string(String name, boolean required, int maxLength) {
        var value = value(name);
        if (value == null) {
            if (required) {
                invalid(name, "is required");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            invalid(name, "must be text");
            return null;
        }
        var stripped = text.strip();
        if (stripped.length() > maxLength) {
            invalid(name, "must be at most %d characters".formatted(maxLength));
            return null;
        }
        return stripped;
    }

    /** A host name or IP address; null means the CI's first address, found when the check runs. */
    String host(String name) {
        var host = string(name, false, 253);
        if (host != null && !host.matches("[A-Za-z0-9_.:%\\[\\]-]+")) {
            invalid(name, "'%s' is neither a host name nor an IP address".formatted(host));
            return null;
        }
        return host;
    }

    /** A required whole number; 0 (with a violation) when missing or out of range. */
    int requiredInteger(String name, int min, int max) {
        if (value(name) == null) {
            invalid(name, "is required");
            return 0;
        }
        return integer(name, 0, min, max);
    }

    Integer integer(String name, Integer fallback, int min, int max) {
        var value = value(name);
        if (value == null) {
            return fallback;
        }
        Long number = null;
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            number = n.longValue();
        } else if (value instanceof String s && s.strip().matches("-?\\d{1,18}")) {
            number = Long.parseLong(s.strip());
        }
        if (number == null || number < min || number > max) {
            invalid(name, "must be a whole number from %d to %d".formatted(min, max));
            return fallback;
        }
        return number.intValue();
    }

    Double number(String name, Double fallback, double min, double max) {
        var value = value(name);
        if (value == null) {
            return fallback;
        }
        Double number = null;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                number = Double.valueOf(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        if (number == null || number.isNaN() || number < min || number > max) {
            invalid(name, "must be a number from %s to %s".formatted(Wording.number(min), Wording.number(max)));
            return fallback;
        }
        return number;
    }

    boolean bool(String name, boolean fallback) {
        var value = value(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        invalid(name, "must be true or false");
        return fallback;
    }

    Duration seconds(String name, Duration fallback, long minSeconds, long maxSeconds) {
        var seconds = integer(name, null, (int) minSeconds, (int) maxSeconds);
        return seconds == null ? fallback : Duration.ofSeconds(seconds);
    }

    ThresholdRange range(String name) {
        var value = value(name);
        if (value == null) {
            return null;
        }
        try {
            // A JSON number is taken exactly as written, never rounded.
            return ThresholdRange.parse(value instanceof Number n
                    ? BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString() : value.toString());
        } catch (IllegalArgumentException e) {
            invalid(name, e.getMessage());
            return null;
        }
    }

    <E extends Enum<E> & Choice> E choice(String name, Class<E> type, E fallback) {
        var value = value(name);
        if (value == null) {
            return fallback;
        }
        return Choice.parse(type, value.toString()).orElseGet(() -> {
            invalid(name, "unknown value '%s': use one of %s".formatted(value, Choice.keys(type)));
            return fallback;
        });
    }

    Pattern regex(String name) {
        var text = string(name, false, 1000);
        if (text == null) {
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            invalid(name, "is not a valid regular expression: " + e.getDescription());
            return null;
        }
    }

    URI url(String name, boolean required, Set<String> schemes) {
        var text = string(name, required, 2000);
        if (text == null) {
            return null;
        }
        try {
            var uri = new URI(text);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase()) || uri.getHost() == null) {
                invalid(name, "must be an absolute %s URL with a host".formatted(String.join(" or ", schemes)));
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            invalid(name, "is not a URL: " + e.getReason());
            return null;
        }
    }

    List<String> strings(String name, int maxItems, int maxLength) {
        var value = value(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof String))) {
            invalid(name, "must be a list of text values");
            return List.of();
        }
        if (list.size() > maxItems) {
            invalid(name, "must have at most %d items".formatted(maxItems));
            return List.of();
        }
        var strings = new ArrayList<String>();
        for (var item : list) {
            if (((String) item).length() > maxLength) {
                invalid(name, "items must be at most %d characters".formatted(maxLength));
                return List.of();
            }
            strings.add((String) item);
        }
        return List.copyOf(strings);
    }

    List<Integer> integers(String name, int min, int max) {
        var value = value(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof Number n)
                || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < min || n.intValue() > max)) {
            invalid(name, "must be a list of whole numbers from %d to %d".formatted(min, max));
            return List.of();
        }
        return list.stream().map(item -> ((Number) item).intValue()).toList();
    }

    Map<String, String> stringMap(String name, int maxEntries) {
        var value = value(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map) || map.values().stream().anyMatch(item -> !(item instanceof String))) {
            invalid(name, "must be an object of text values");
            return Map.of();
        }
        if (map.size() > maxEntries) {
            invalid(name, "must have at most %d entries".formatted(maxEntries));
            return Map.of();
        }
        var copy = new LinkedHashMap<String, String>();
        map.forEach((k, v) -> copy.put(k.toString(), (String) v));
        return copy;
    }
}
