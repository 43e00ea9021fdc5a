package io.opsline.alerting.internal.suppress;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An inhibition rule, as Alertmanager's: while an open, unsuppressed alert matches
 * {@code sourceMatchers}, open alerts that match {@code targetMatchers} and carry the same value of
 * every label in {@code equal} (a label missing on both is the same) are suppressed. An alert that
 * matches the source matchers too is never inhibited by the rule, so two alerts cannot silence each
 * other.
 */
public record InhibitionRule(UUID id, String name, List<Matcher> sourceMatchers, List<Matcher> targetMatchers,
        List<String> equal, String createdBy, Instant createdAt, int version) {

    boolean targets(Map<String, String> labels) {
        return Matcher.all(targetMatchers, labels) && !Matcher.all(sourceMatchers, labels);
    }

    boolean inhibits(Map<String, String> source, Map<String, String> target) {
        if (!Matcher.all(sourceMatchers, source)) {
            return false;
        }
        for (var label : equal) {
            if (!Objects.equals(source.getOrDefault(label, ""), target.getOrDefault(label, ""))) {
                return false;
            }
        }
        return true;
    }
}
