package io.opsline.alerting.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.MultiValueMap;

import io.opsline.alerting.internal.oncall.EscalationPolicy;
import io.opsline.alerting.internal.oncall.EscalationPolicyInput;
import io.opsline.alerting.internal.oncall.EscalationPolicyInput.LevelInput;
import io.opsline.alerting.internal.oncall.EscalationPolicyInput.TargetInput;

/**
 * The escalation policy form. Each target is one choice naming its type and id together
 * ({@code user:…}, {@code schedule:…}, {@code channel:…}) and, for people and schedules, the email
 * channel they are reached through. Empty levels and targets are left out, so the form always
 * offers room for one more of each.
 */
public record PolicyForm(String name, String description, String repeat, List<LevelForm> levels, String version) {

    private static final int MAX_READ = 25;

    public record LevelForm(String delayMinutes, List<TargetForm> targets) {

        /** The targets to show: those there are and room for more. */
        public List<TargetForm> targetsShown() {
            var shown = new ArrayList<>(targets);
            do {
                shown.add(new TargetForm(null, null));
            } while (shown.size() < 2);
            return shown;
        }
    }

    /** {@code target} is {@code type:id}. */
    public record TargetForm(String target, String via) {

        boolean isEmpty() {
            return blank(target) && blank(via);
        }
    }

    static PolicyForm blank() {
        return new PolicyForm(null, null, "0", List.of(), null);
    }

    static PolicyForm of(EscalationPolicy policy) {
        var levels = policy.levels().stream().map(level -> new LevelForm(Integer.toString(level.delayMinutes()),
                level.targets().stream().map(t -> new TargetForm(t.type().name().toLowerCase(Locale.ROOT) + ":" + t.id(),
                        t.via() == null ? null : t.via().toString())).toList())).toList();
        return new PolicyForm(policy.name(), policy.description(), Integer.toString(policy.repeat()), levels,
                Long.toString(policy.version()));
    }

    static PolicyForm from(MultiValueMap<String, String> request) {
        var levels = new ArrayList<LevelForm>();
        for (int i = 0; i < MAX_READ; i++) {
            var prefix = "levels[" + i + "]";
            var targets = new ArrayList<TargetForm>();
            for (int j = 0; j < MAX_READ; j++) {
                var target = new TargetForm(request.getFirst(prefix + ".targets[" + j + "].target"),
                        request.getFirst(prefix + ".targets[" + j + "].via"));
                if (!target.isEmpty()) {
                    targets.add(target);
                }
            }
            var delay = request.getFirst(prefix + ".delayMinutes");
            if (!blank(delay) || !targets.isEmpty()) {
                levels.add(new LevelForm(delay, targets));
            }
        }
        return new PolicyForm(request.getFirst("name"), request.getFirst("description"), request.getFirst("repeat"),
                levels, request.getFirst("version"));
    }

    /** The levels to show: those there are and an empty one to add. */
    public List<LevelForm> levelsShown() {
        var shown = new ArrayList<>(levels);
        shown.add(new LevelForm("15", List.of()));
        return shown;
    }

    /**
     * The input the policy rules check. Text that is no number becomes one the rules refuse, and
     * {@code problems} gets the message for it.
     */
    EscalationPolicyInput toInput(Map<String, String> problems) {
        var levelInputs = new ArrayList<LevelInput>();
        for (int i = 0; i < levels.size(); i++) {
            var level = levels.get(i);
            var targets = new ArrayList<TargetInput>();
            for (var target : level.targets()) {
                var text = target.target() == null ? "" : target.target().strip();
                var colon = text.indexOf(':');
                targets.add(new TargetInput(colon < 0 ? null : text.substring(0, colon),
                        colon < 0 ? text : text.substring(colon + 1), blank(target.via()) ? null : target.via()));
            }
            levelInputs.add(new LevelInput(number("levels[" + i + "].delayMinutes", level.delayMinutes(), problems),
                    targets));
        }
        var version = blank(this.version) ? null : (long) number("", this.version, problems);
        return new EscalationPolicyInput(name, description, levelInputs, number("repeat", repeat, problems), version);
    }

    /** Where the rules' message for a field is shown on this form: a target's type and id are one choice. */
    static String field(String field) {
        return field.endsWith(".type") || field.endsWith(".id")
                ? field.substring(0, field.lastIndexOf('.')) + ".target" : field;
    }

    private static Integer number(String field, String text, Map<String, String> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.put(field, field.isEmpty() ? "The form is out of date: reload the policy and change it again."
                    : "'%s' is not a whole number".formatted(text));
            return -1;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
