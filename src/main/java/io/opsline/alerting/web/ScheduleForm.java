package io.opsline.alerting.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.util.MultiValueMap;

import io.opsline.alerting.internal.oncall.Layer;
import io.opsline.alerting.internal.oncall.Rotation;
import io.opsline.alerting.internal.oncall.ScheduleInput;
import io.opsline.alerting.internal.oncall.ScheduleView;
import io.opsline.identity.People;

/**
 * The schedule form: fields named as the schedule rules name them ({@code layers[0].handoffTime}),
 * so each message lands beside its field. Members are typed as usernames, one per line, in the
 * order they take turns. A layer left without a name and members is left out, so the form always
 * offers one empty layer to add.
 */
public record ScheduleForm(String name, String description, String timeZone, List<LayerForm> layers,
        String version) {

    /** Enough for the schedule rules' most layers plus the empty one the form offers. */
    private static final int MAX_LAYERS_READ = 20;

    /** One layer as typed; {@code members} holds usernames separated by new lines, commas or spaces. */
    public record LayerForm(String name, String rotation, String handoffTime, String handoffDay, String shiftHours,
            String start, String end, String members) {

        static LayerForm empty() {
            var monday = LocalDate.now().with(TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
            return new LayerForm(null, "weekly", "09:00", "MONDAY", null, monday.atTime(LocalTime.of(9, 0)).toString(),
                    null, null);
        }

        boolean isEmpty() {
            return blank(name) && blank(members);
        }

        List<String> usernames() {
            return blank(members) ? List.of()
                    : Arrays.stream(members.strip().split("[,;\\s]+")).filter(s -> !s.isEmpty()).toList();
        }
    }

    static ScheduleForm blank() {
        return new ScheduleForm(null, null, java.time.ZoneId.systemDefault().getId(), List.of(), null);
    }

    static ScheduleForm of(ScheduleView schedule) {
        var layers = schedule.layers().stream().map(l -> layer(l, schedule.people())).toList();
        return new ScheduleForm(schedule.name(), schedule.description(), schedule.timeZone(), layers,
                Long.toString(schedule.version()));
    }

    /** The form as posted, empty layers left out. */
    static ScheduleForm from(MultiValueMap<String, String> request) {
        var layers = new ArrayList<LayerForm>();
        for (int i = 0; i < MAX_LAYERS_READ; i++) {
            var prefix = "layers[" + i + "].";
            var layer = new LayerForm(request.getFirst(prefix + "name"), request.getFirst(prefix + "rotation"),
                    request.getFirst(prefix + "handoffTime"), request.getFirst(prefix + "handoffDay"),
                    request.getFirst(prefix + "shiftHours"), request.getFirst(prefix + "start"),
                    request.getFirst(prefix + "end"), request.getFirst(prefix + "participants"));
            if (!layer.isEmpty()) {
                layers.add(layer);
            }
        }
        return new ScheduleForm(request.getFirst("name"), request.getFirst("description"),
                request.getFirst("timeZone"), layers, request.getFirst("version"));
    }

    /** The layers to show: those there are and an empty one to add. */
    public List<LayerForm> layersShown() {
        var shown = new ArrayList<>(layers);
        shown.add(LayerForm.empty());
        return shown;
    }

    /**
     * The input the schedule rules check, members turned from usernames into user ids. A username
     * nobody has is passed on as it is, so the rules refuse the layer, and {@code problems} gets
     * the message people understand.
     */
    ScheduleInput toInput(People people, Map<String, String> problems) {
        var inputs = new ArrayList<ScheduleInput.LayerInput>();
        for (int i = 0; i < layers.size(); i++) {
            var layer = layers.get(i);
            var field = "layers[" + i + "].";
            var ids = new ArrayList<String>();
            for (var username : layer.usernames()) {
                var person = people.findByUsername(username);
                ids.add(person.map(p -> p.id().toString()).orElse(username));
                if (person.isEmpty()) {
                    problems.merge(field + "participants", "no user named '%s'".formatted(username),
                            (a, b) -> a + "; " + b);
                }
            }
            var rotation = blank(layer.rotation()) ? "" : layer.rotation().strip().toLowerCase(Locale.ROOT);
            Integer shiftHours = null;
            if (rotation.equals("custom") && !blank(layer.shiftHours())) {
                try {
                    shiftHours = Integer.valueOf(layer.shiftHours().strip());
                } catch (NumberFormatException e) {
                    problems.put(field + "shiftHours", "'%s' is not a whole number of hours".formatted(
                            layer.shiftHours()));
                    shiftHours = 0;
                }
            }
            inputs.add(new ScheduleInput.LayerInput(layer.name(), ids, layer.rotation(), shiftHours,
                    rotation.equals("custom") ? null : layer.handoffTime(),
                    rotation.equals("weekly") ? layer.handoffDay() : null, layer.start(), blankToNull(layer.end())));
        }
        Long parsedVersion = null;
        if (!blank(version)) {
            try {
                parsedVersion = Long.valueOf(version.strip());
            } catch (NumberFormatException e) {
                problems.put("", "The form is out of date: reload the schedule and make the change again.");
                parsedVersion = -1L;
            }
        }
        return new ScheduleInput(name, description, timeZone, inputs, parsedVersion);
    }

    private static LayerForm layer(Layer layer, Map<UUID, String> people) {
        var members = new LinkedHashMap<UUID, String>();
        layer.participants().forEach(id -> members.put(id, people.getOrDefault(id, id.toString())));
        return new LayerForm(layer.name(), layer.rotation().name().toLowerCase(Locale.ROOT),
                layer.handoffTime() == null ? null : layer.handoffTime().toString(),
                layer.handoffDay() == null ? null : layer.handoffDay().name(),
                layer.shiftHours() == null ? null : layer.shiftHours().toString(), layer.start().toString(),
                layer.end() == null ? null : layer.end().toString(), String.join("\n", members.values()));
    }

    /** Rotation choices for the form. */
    static Map<String, String> rotations() {
        var rotations = new LinkedHashMap<String, String>();
        rotations.put(Rotation.DAILY.name().toLowerCase(Locale.ROOT), "Daily");
        rotations.put(Rotation.WEEKLY.name().toLowerCase(Locale.ROOT), "Weekly");
        rotations.put(Rotation.CUSTOM.name().toLowerCase(Locale.ROOT), "Every so many hours");
        return rotations;
    }

    private static String blankToNull(String text) {
        return blank(text) ? null : text;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
