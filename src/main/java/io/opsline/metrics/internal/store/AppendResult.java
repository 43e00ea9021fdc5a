package io.opsline.metrics.internal.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What became of an append's samples: how many were stored, how many were the newest sample again
 * (ignored), how many were refused for each reason, and the first few refusals spelled out.
 */
public record AppendResult(int accepted, int ignored, Map<Rejection, Integer> rejected, List<String> messages) {

    /** At most this many refusals are spelled out; the counts say how many there were. */
    static final int MAX_MESSAGES = 10;

    /** Why a sample was refused. */
    public enum Rejection {
        /** Older than the newest sample of its series. */
        OUT_OF_ORDER,
        /** At the time of its series' newest sample, with another value. */
        DUPLICATE_TIMESTAMP,
        /** Of a new series its source may not create: it has as many as it may. */
        SERIES_LIMIT
    }

    public AppendResult {
        rejected = Map.copyOf(rejected);
        messages = List.copyOf(messages);
    }

    public int rejectedTotal() {
        return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int rejected(Rejection reason) {
        return rejected.getOrDefault(reason, 0);
    }

    /** Gathers an append's outcome. */
    static final class Builder {

        private int accepted;
        private int ignored;
        private final Map<Rejection, Integer> rejected = new EnumMap<>(Rejection.class);
        private final List<String> messages = new ArrayList<>();

        void accepted() {
            accepted++;
        }

        void ignored() {
            ignored++;
        }

        void reject(Rejection reason, int samples, String message) {
            rejected.merge(reason, samples, Integer::sum);
            if (messages.size() < MAX_MESSAGES) {
                messages.add(message);
            }
        }

        AppendResult build() {
            return new AppendResult(accepted, ignored, rejected, messages);
        }
    }
}
