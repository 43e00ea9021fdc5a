package io.opsline.inventory.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.opsline.inventory.CiClass;
import io.opsline.inventory.CiStatus;
import io.opsline.inventory.Criticality;
import io.opsline.inventory.Environment;
import io.opsline.inventory.Tags;
import io.opsline.platform.Choice;
import io.opsline.platform.FieldViolation;
import io.opsline.platform.Violations;

/**
 * The one place that decides whether a configuration item is valid, for the API, the forms and
 * imports alike. Returns either normalised content or every violation found.
 */
final class CiValidator {

    static final int MAX_TAGS = Tags.MAX_TAGS;
    static final int MAX_ADDRESSES = 20;
    static final int MAX_ATTRIBUTES = 100;
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    private static final BigDecimal MAX_COST = new BigDecimal("1000000000000");

    private CiValidator() {
    }

    /** Validation outcome: content when {@code violations} is empty. */
    record Result(CiContent content, List<FieldViolation> violations) {

        boolean valid() {
            return violations.isEmpty();
        }
    }

    /**
     * @param teams resolves an owner-team reference (name or id) to a team id
     */
    static Result validate(CiInput input, Function<String, Optional<UUID>> teams) {
        var v = new Violations();
        var externalId = v.optional("externalId", input.externalId(), 200);
        var ciClass = required(v, "class", input.ciClass(), CiClass.class);
        var name = v.required("name", input.name(), 200);
        var status = optional(v, "status", input.status(), CiStatus.class, CiStatus.ACTIVE);
        var environment = optional(v, "environment", input.environment(), Environment.class, Environment.PRODUCTION);
        var criticality = optional(v, "criticality", input.criticality(), Criticality.class, Criticality.MEDIUM);
        UUID ownerTeamId = null;
        var ownerTeam = v.optional("ownerTeam", input.ownerTeam(), 100);
        if (ownerTeam != null) {
            ownerTeamId = teams.apply(ownerTeam).orElse(null);
            if (ownerTeamId == null) {
                v.add("ownerTeam", "no team named '%s'".formatted(ownerTeam));
            }
        }
        var location = v.optional("location", input.location(), 200);
        var description = v.optional("description", input.description(), 4000);
        var tags = Tags.read(v, "tags", input.tags());
        var addresses = addresses(v, input.addresses(), ciClass);
        var attributes = attributes(v, input.attributes());
        var lifecycle = lifecycle(v, input.lifecycle());
        if (!v.isEmpty()) {
            return new Result(null, v.list());
        }
        return new Result(new CiContent(externalId, ciClass, name, status, environment, criticality, ownerTeamId,
                location, description, tags, addresses, attributes, lifecycle), List.of());
    }

    private static <E extends Enum<E> & Choice> E required(Violations v, String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            v.add(field, "is required: one of " + Choice.keys(type));
            return null;
        }
        return optional(v, field, text, type, null);
    }

    private static <E extends Enum<E> & Choice> E optional(Violations v, String field, String text, Class<E> type,
            E fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return Choice.parse(type, text).orElseGet(() -> {
            v.add(field, "unknown value '%s': use one of %s".formatted(abbreviate(text), Choice.keys(type)));
            return fallback;
        });
    }

    private static List<String> addresses(Violations v, List<String> given, CiClass ciClass) {
        var addresses = new TreeSet<String>();
        if (given == null) {
            return List.of();
        }
        for (var raw : given) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            var address = raw.strip().toLowerCase();
            if (!Addresses.valid(address)) {
                v.add("addresses", "'%s' is neither an IP address nor a host name".formatted(abbreviate(raw)));
            } else {
                addresses.add(address);
            }
        }
        if (addresses.size() > MAX_ADDRESSES) {
            v.add("addresses", "at most %d addresses".formatted(MAX_ADDRESSES));
        }
        if (!addresses.isEmpty() && ciClass != null && !ciClass.addressable()) {
            v.add("addresses", "a %s has no addresses of its own; put them on the items it runs on"
                    .formatted(ciClass.label().toLowerCase()));
        }
        return List.copyOf(addresses);
    }

    private static TreeMap<String, String> attributes(Violations v, java.util.Map<String, String> given) {
        var attributes = new TreeMap<String, String>();
        if (given == null) {
            return attributes;
        }
        for (var entry : given.entrySet()) {
            var key = entry.getKey() == null ? "" : entry.getKey().strip();
            if (!ATTRIBUTE_KEY.matcher(key).matches()) {
                v.add("attributes", "'%s' is not an attribute name: use up to 100 of A-Z a-z 0-9 _ . -"
                        .formatted(abbreviate(key)));
                continue;
            }
            var value = v.optional("attributes." + key, entry.getValue(), 2000);
            if (value != null) {
                attributes.put(key, value);
            }
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            v.add("attributes", "at most %d attributes".formatted(MAX_ATTRIBUTES));
        }
        return attributes;
    }

    private static Lifecycle lifecycle(Violations v, CiInput.LifecycleInput given) {
        if (given == null) {
            return Lifecycle.EMPTY;
        }
        var purchaseDate = date(v, "lifecycle.purchaseDate", given.purchaseDate());
        var warrantyEnd = date(v, "lifecycle.warrantyEnd", given.warrantyEnd());
        var endOfLife = date(v, "lifecycle.endOfLife", given.endOfLife());
        if (purchaseDate != null && warrantyEnd != null && warrantyEnd.isBefore(purchaseDate)) {
            v.add("lifecycle.warrantyEnd", "must not be before the purchase date");
        }
        if (purchaseDate != null && endOfLife != null && endOfLife.isBefore(purchaseDate)) {
            v.add("lifecycle.endOfLife", "must not be before the purchase date");
        }
        return new Lifecycle(v.optional("lifecycle.vendor", given.vendor(), 200),
                v.optional("lifecycle.model", given.model(), 200),
                v.optional("lifecycle.serialNumber", given.serialNumber(), 200), purchaseDate,
                cost(v, given.purchaseCost()), warrantyEnd, endOfLife);
    }

    private static LocalDate date(Violations v, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            v.add(field, "'%s' is not a date: use YYYY-MM-DD".formatted(abbreviate(text)));
            return null;
        }
    }

    private static BigDecimal cost(Violations v, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        BigDecimal cost;
        try {
            cost = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            v.add("lifecycle.purchaseCost", "'%s' is not a number".formatted(abbreviate(text)));
            return null;
        }
        if (cost.signum() < 0 || cost.compareTo(MAX_COST) >= 0) {
            v.add("lifecycle.purchaseCost", "must be between 0 and 999,999,999,999.99");
            return null;
        }
        if (cost.stripTrailingZeros().scale() > 2) {
            v.add("lifecycle.purchaseCost", "has more than two decimals");
            return null;
        }
        return cost.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "…" : text;
    }
}
