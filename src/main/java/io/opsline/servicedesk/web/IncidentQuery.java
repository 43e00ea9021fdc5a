package io.opsline.servicedesk.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.identity.TeamRef;
import io.opsline.identity.Teams;
import io.opsline.platform.Choice;
import io.opsline.platform.Ids;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.IncidentState;
import io.opsline.servicedesk.Priority;
import io.opsline.servicedesk.internal.IncidentFilter;
import io.opsline.servicedesk.internal.customer.Customers;

/**
 * The filters of an incident list as given in a query string, for the API and the pages alike:
 * {@code state} and {@code priority} repeatable (or {@code state=open} for every open state),
 * {@code team}, {@code assignee}, {@code caller} and {@code customer} by id or name
 * ({@code assignee=me}), {@code service} and {@code ci} by id, {@code major}, {@code q} (words in the title, or a reference), {@code openedFrom}
 * and {@code openedTo} (dates or times), {@code sort} ({@code priority}, {@code newest}, {@code updated}).
 */
public record IncidentQuery(List<String> state, List<String> priority, String team, String assignee, String caller,
        String customer, String service, String ci, Boolean major, String q, String openedFrom, String openedTo,
        String sort) {

    /** The filter these parameters ask for; unknown values are each named in one 422. */
    IncidentFilter toFilter(Teams teams, People people, Customers customers, String me) {
        var violations = new Violations();
        var states = EnumSet.noneOf(IncidentState.class);
        for (var text : nonBlank(state)) {
            if (text.equalsIgnoreCase("open")) {
                EnumSet.allOf(IncidentState.class).stream().filter(IncidentState::open).forEach(states::add);
            } else {
                Choice.parse(IncidentState.class, text).ifPresentOrElse(states::add, () -> violations.add("state",
                        "'" + text + "' is not one of open, " + Choice.keys(IncidentState.class)));
            }
        }
        var priorities = EnumSet.noneOf(Priority.class);
        for (var text : nonBlank(priority)) {
            Choice.parse(Priority.class, text).ifPresentOrElse(priorities::add, () -> violations.add("priority",
                    "'" + text + "' is not one of " + Choice.keys(Priority.class)));
        }
        UUID teamId = null;
        if (present(team)) {
            teamId = teams.resolve(team).map(TeamRef::id).orElse(null);
            if (teamId == null) {
                violations.add("team", "no team " + team.strip());
            }
        }
        var assigneeId = person("assignee", "me".equalsIgnoreCase(blankToNull(assignee)) ? me : assignee, people,
                violations);
        var callerId = person("caller", caller, people, violations);
        var customerFound = customers.resolve("customer", customer, violations);
        var serviceId = id("service", service, violations);
        var ciId = id("ci", ci, violations);
        var from = time("openedFrom", openedFrom, violations);
        var to = time("openedTo", openedTo, violations);
        IncidentFilter.Sort order = null;
        if (present(sort)) {
            order = Choice.parse(IncidentFilter.Sort.class, sort).orElse(null);
            if (order == null) {
                violations.add("sort", "must be one of " + Choice.keys(IncidentFilter.Sort.class));
            }
        }
        violations.throwIfAny("Invalid incident filter");
        return new IncidentFilter(states, priorities, teamId, assigneeId, callerId,
                customerFound == null ? null : customerFound.id(), serviceId, ciId, major, blankToNull(q), from, to,
                order);
    }

    private static UUID person(String field, String reference, People people, Violations violations) {
        if (!present(reference)) {
            return null;
        }
        var id = people.resolve(reference).map(Person::id).orElse(null);
        if (id == null) {
            violations.add(field, "no user " + reference.strip());
        }
        return id;
    }

    private static UUID id(String field, String text, Violations violations) {
        if (!present(text)) {
            return null;
        }
        var id = Ids.parseOrNull(text.strip());
        if (id == null) {
            violations.add(field, "must be a configuration item id");
        }
        return id;
    }

    /** A date (midnight UTC) or an ISO-8601 time with offset. */
    private static Instant time(String field, String text, Violations violations) {
        if (!present(text)) {
            return null;
        }
        try {
            return text.strip().length() == 10 ? LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(field, "must be a date (2026-03-29) or a time with offset (2026-03-29T08:00:00Z)");
            return null;
        }
    }

    private static List<String> nonBlank(List<String> values) {
        return values == null ? List.of() : values.stream().filter(IncidentQuery::present).map(String::strip).toList();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static String blankToNull(String text) {
        return present(text) ? text.strip() : null;
    }
}
