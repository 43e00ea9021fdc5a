package io.opsline.metrics;

import java.util.List;

/** What became of samples given to {@link Metrics#record}: how many were stored and refused, the first refusals spelled out. */
public record Recorded(int accepted, int refused, List<String> messages) {

    public Recorded {
        messages = List.copyOf(messages);
    }
}
