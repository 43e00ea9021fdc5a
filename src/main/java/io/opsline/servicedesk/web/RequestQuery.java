package io.opsline.servicedesk.web;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import io.opsline.identity.People;
import io.opsline.identity.Person;
import io.opsline.platform.Choice;
import io.opsline.platform.NotFoundException;
import io.opsline.platform.Violations;
import io.opsline.servicedesk.internal.request.RequestFilter;
import io.opsline.servicedesk.internal.request.RequestState;
import io.opsline.servicedesk.internal.request.RequestTypes;

/**
 * The filters of a request list as given in a query string, for the API and the pages alike:
 * {@code state} repeatable (or {@code state=open} for every open state), {@code type} by id or name,
 * {@code requester} by id or username, {@code q} (a reference or words of the type's name).
 */
public record RequestQuery(List<String> state, String type, String requester, String q) {

    /** The filter these parameters ask for; unknown values are each named in one 422. */
    RequestFilter toFilter(RequestTypes types, People people) {
        var violations = new Violations();
        var states = EnumSet.noneOf(RequestState.class);
        for (var text : state == null ? List.<String>of() : state) {
            if (text == null || text.isBlank()) {
                continue;
            }
            if (text.strip().equalsIgnoreCase("open")) {
                EnumSet.allOf(RequestState.class).stream().filter(RequestState::open).forEach(states::add);
            } else {
                Choice.parse(RequestState.class, text).ifPresentOrElse(states::add, () -> violations.add("state",
                        "'" + text.strip() + "' is not one of open, " + Choice.keys(RequestState.class)));
            }
        }
        UUID typeId = null;
        if (type != null && !type.isBlank()) {
            try {
                typeId = types.get(type).id();
            } catch (NotFoundException e) {
                violations.add("type", "no request type " + type.strip());
            }
        }
        UUID requesterId = null;
        if (requester != null && !requester.isBlank()) {
            requesterId = people.resolve(requester).map(Person::id).orElse(null);
            if (requesterId == null) {
                violations.add("requester", "no user " + requester.strip());
            }
        }
        violations.throwIfAny("Invalid request filter");
        return new RequestFilter(states, typeId, requesterId, q == null || q.isBlank() ? null : q.strip());
    }

    static RequestQuery empty() {
        return new RequestQuery(List.of(), null, null, null);
    }

    /** The state filter's choices for the list page: "open" and then each state. */
    static java.util.Map<String, String> stateOptions() {
        var options = new java.util.LinkedHashMap<String, String>();
        options.put("open", "Open");
        options.putAll(Choice.options(RequestState.class));
        return options;
    }

    /** These filters as a query string for the pager, ending in {@code &} when not empty. */
    String queryString() {
        var parts = new java.util.ArrayList<String>();
        (state == null ? List.<String>of() : state).stream().filter(s -> s != null && !s.isBlank())
                .forEach(s -> parts.add("state=" + encode(s)));
        if (type != null && !type.isBlank()) {
            parts.add("type=" + encode(type));
        }
        if (requester != null && !requester.isBlank()) {
            parts.add("requester=" + encode(requester));
        }
        if (q != null && !q.isBlank()) {
            parts.add("q=" + encode(q));
        }
        return parts.isEmpty() ? "" : String.join("&", parts) + "&";
    }

    /** The first state asked for, for the list page's select. */
    public String firstState() {
        return state == null || state.isEmpty() ? "" : state.getFirst();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text.strip(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
