package io.opsline.servicedesk.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.opsline.identity.Person;
import io.opsline.servicedesk.internal.IncidentChange;
import io.opsline.servicedesk.internal.IncidentInput;
import io.opsline.servicedesk.internal.IncidentView;
import io.opsline.servicedesk.internal.Level;

/**
 * The incident form as posted, for opening one and for editing one. People are named by username,
 * CIs by id (one per line or separated by commas), the customer by id (empty on a new incident: the
 * caller's); {@code version} is the version the editor read.
 */
public record IncidentForm(Long version, String title, String description, String caller, String category,
        String impact, String urgency, String team, String assignee, String cis, Boolean major, String customer) {

    static IncidentForm blank() {
        return new IncidentForm(null, null, null, null, null, Level.MEDIUM.key(), Level.MEDIUM.key(), null, null, null,
                false, null);
    }

    /** The form filled with what is stored; {@code people} holds at least the caller and the assignee. */
    static IncidentForm of(IncidentView incident, Map<UUID, Person> people) {
        return new IncidentForm(incident.version(), incident.title(), incident.description(),
                username(incident.caller(), people), incident.category(), incident.impact().key(),
                incident.urgency().key(), incident.team() == null ? null : incident.team().id().toString(),
                username(incident.assignee(), people),
                String.join("\n", incident.cis().stream().map(ci -> ci.id().toString()).toList()), incident.major(),
                incident.customer() == null ? null : incident.customer().id().toString());
    }

    IncidentInput toInput() {
        return new IncidentInput(title, description, caller, category, impact, urgency, Boolean.TRUE.equals(major),
                team, assignee, ciList(), customer);
    }

    /** Every field as the form shows it: an emptied field clears what is stored. */
    IncidentChange toChange() {
        return new IncidentChange(version, text(title), text(description), text(caller), text(category), text(impact),
                text(urgency), Boolean.TRUE.equals(major), text(team), text(assignee), ciList(), text(customer));
    }

    List<String> ciList() {
        if (cis == null || cis.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cis.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    /**
     * The fields where this form differs from {@code current}, by label, with this form's values: what
     * an editor who lost a race typed and would lose by reloading.
     */
    Map<String, String> differencesFrom(IncidentForm current) {
        var differences = new LinkedHashMap<String, String>();
        differ(differences, "Title", title, current.title);
        differ(differences, "Description", description, current.description);
        differ(differences, "Caller", caller, current.caller);
        differ(differences, "Category", category, current.category);
        differ(differences, "Impact", impact, current.impact);
        differ(differences, "Urgency", urgency, current.urgency);
        differ(differences, "Team", team, current.team);
        differ(differences, "Assignee", assignee, current.assignee);
        differ(differences, "Customer", customer, current.customer);
        differ(differences, "Configuration items", String.join(", ", ciList()), String.join(", ", current.ciList()));
        if (Boolean.TRUE.equals(major) != Boolean.TRUE.equals(current.major)) {
            differences.put("Major incident", Boolean.TRUE.equals(major) ? "yes" : "no");
        }
        return differences;
    }

    /**
     * The service names each bad CI by its place ({@code cis[2]}); the form has one field for all of
     * them, so their messages are shown together beside it, numbered by line.
     */
    static Map<String, String> shownErrors(Map<String, String> errors) {
        var shown = new LinkedHashMap<String, String>();
        for (var error : errors.entrySet()) {
            var field = error.getKey();
            if (field.startsWith("cis[")) {
                var line = Integer.parseInt(field.substring(4, field.indexOf(']'))) + 1;
                shown.merge("cis", "line " + line + ": " + error.getValue(), (a, b) -> a + "; " + b);
            } else {
                shown.put(field, error.getValue());
            }
        }
        return shown;
    }

    private static void differ(Map<String, String> differences, String label, String mine, String theirs) {
        if (!Objects.equals(text(mine), text(theirs))) {
            differences.put(label, text(mine).isEmpty() ? "(empty)" : text(mine));
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static String username(IncidentView.Named named, Map<UUID, Person> people) {
        if (named == null) {
            return null;
        }
        var person = people.get(named.id());
        return person == null ? named.id().toString() : person.username();
    }
}
