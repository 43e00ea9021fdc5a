package io.opsline.alerting.internal.oncall;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.opsline.identity.People;
import io.opsline.platform.Ids;
import io.opsline.platform.Violations;

/** Turns a client's schedule into layers, collecting every mistake with the field it is in. */
final class LayerParser {

    static final int MAX_LAYERS = 10;
    static final int MAX_PARTICIPANTS = 50;
    static final int MAX_SHIFT_HOURS = 2160;

    private LayerParser() {
    }

    static List<Layer> layers(List<ScheduleInput.LayerInput> inputs, People people, Violations violations) {
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_LAYERS) {
            violations.add("layers", "must hold 1 to %d layers".formatted(MAX_LAYERS));
            return List.of();
        }
        var layers = new ArrayList<Layer>();
        var names = new HashSet<String>();
        for (int i = 0; i < inputs.size(); i++) {
            var field = "layers[" + i + "]";
            var input = inputs.get(i);
            if (input == null) {
                violations.add(field, "is required");
                continue;
            }
            var name = violations.required(field + ".name", input.name(), 100);
            if (name != null && (!names.add(name.toLowerCase(Locale.ROOT))
                    || name.equalsIgnoreCase(ShiftOverride.ORIGIN))) {
                violations.add(field + ".name", "must be unique within the schedule and not '%s'"
                        .formatted(ShiftOverride.ORIGIN));
            }
            var participants = participants(field + ".participants", input.participants(), people, violations);
            var rotation = rotation(field + ".rotation", input.rotation(), violations);
            var start = TimeInputs.dateTime(field + ".start", input.start(), true, violations);
            var end = TimeInputs.dateTime(field + ".end", input.end(), false, violations);
            if (start != null && end != null && !end.isAfter(start)) {
                violations.add(field + ".end", "must be after start");
            }
            Integer shiftHours = null;
            LocalTime handoffTime = null;
            DayOfWeek handoffDay = null;
            if (rotation == Rotation.CUSTOM) {
                shiftHours = input.shiftHours();
                if (shiftHours == null || shiftHours < 1 || shiftHours > MAX_SHIFT_HOURS) {
                    violations.add(field + ".shiftHours", "must be 1 to %d for a custom rotation"
                            .formatted(MAX_SHIFT_HOURS));
                }
                // Custom handoffs follow from the start; the stored time only says when in the day they began.
                handoffTime = start == null ? null : start.toLocalTime();
            } else if (rotation != null) {
                if (input.shiftHours() != null) {
                    violations.add(field + ".shiftHours", "applies to custom rotations only");
                }
                handoffTime = TimeInputs.time(field + ".handoffTime", input.handoffTime(), true, violations);
                if (rotation == Rotation.WEEKLY) {
                    handoffDay = TimeInputs.day(field + ".handoffDay", input.handoffDay(), violations);
                }
            }
            if (violations.isEmpty()) {
                layers.add(new Layer(name, participants, rotation, shiftHours, handoffTime, handoffDay, start, end));
            }
        }
        return layers;
    }

    private static List<UUID> participants(String field, List<String> given, People people, Violations violations) {
        if (given == null || given.isEmpty() || given.size() > MAX_PARTICIPANTS) {
            violations.add(field, "must name 1 to %d users by id".formatted(MAX_PARTICIPANTS));
            return List.of();
        }
        var ids = new LinkedHashSet<UUID>();
        for (var text : given) {
            var id = text == null ? null : Ids.parseOrNull(text.strip());
            if (id == null) {
                violations.add(field, "'%s' is no user id".formatted(text));
            } else if (!ids.add(id)) {
                violations.add(field, "names user %s twice".formatted(id));
            }
        }
        var found = people.findAll(ids);
        for (var id : ids) {
            var person = found.get(id);
            if (person == null) {
                violations.add(field, "no user with id " + id);
            } else if (!person.enabled()) {
                violations.add(field, "user %s is disabled".formatted(person.username()));
            }
        }
        return List.copyOf(ids);
    }

    private static Rotation rotation(String field, String text, Violations violations) {
        if (text != null) {
            for (var rotation : Rotation.values()) {
                if (rotation.name().equalsIgnoreCase(text.strip())) {
                    return rotation;
                }
            }
        }
        violations.add(field, "must be one of daily, weekly, custom");
        return null;
    }
}
