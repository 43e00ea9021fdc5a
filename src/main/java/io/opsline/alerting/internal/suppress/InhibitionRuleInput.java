package io.opsline.alerting.internal.suppress;

import java.util.List;

/** An inhibition rule as a client sends it; {@code version} is required for an update. */
public record InhibitionRuleInput(String name, List<MatcherInput> sourceMatchers, List<MatcherInput> targetMatchers,
        List<String> equal, Integer version) {
}
