package io.opsline.servicedesk.internal.request;

import java.util.Set;
import java.util.UUID;

/** Which requests a list shows; nulls and empty sets do not filter. {@code text} matches a reference or the type. */
public record RequestFilter(Set<RequestState> states, UUID typeId, UUID requesterId, String text) {

    public RequestFilter {
        states = states == null ? Set.of() : Set.copyOf(states);
    }

    public static RequestFilter ofRequester(UUID requesterId) {
        return new RequestFilter(Set.of(), null, requesterId, null);
    }
}
