package io.opsline.alerting.internal.suppress;

import java.util.List;

/**
 * A silence as a client sends it. Times are ISO-8601 with an offset ({@code 2026-03-29T02:00:00Z});
 * {@code startsAt} may be left out for now. {@code version} is required for an update: the version the
 * change was based on.
 */
public record SilenceInput(List<MatcherInput> matchers, String startsAt, String endsAt, String comment,
        Integer version) {
}
