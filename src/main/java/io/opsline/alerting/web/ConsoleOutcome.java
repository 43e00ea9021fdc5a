package io.opsline.alerting.web;

import java.io.Serializable;
import java.util.List;

/**
 * What came of a bulk action on the console, shown once after the redirect (a flash attribute,
 * kept in the session between the two requests, hence serializable).
 *
 * @param title the counts in one sentence: "12 acknowledged, 2 were already resolved."
 * @param unchanged one line per selected alert left as it was, with the reason
 */
public record ConsoleOutcome(String title, List<String> unchanged) implements Serializable {

    public ConsoleOutcome {
        unchanged = List.copyOf(unchanged);
    }
}
