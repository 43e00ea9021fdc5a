package io.opsline.monitoring.web;

import java.io.Serializable;
import java.util.List;

/**
 * What came of a bulk action on the board, shown once after the redirect (a flash attribute,
 * kept in the session between the two requests, hence serializable).
 *
 * @param done one line per thing done
 * @param refused one line per thing not done, with the reason
 */
public record BulkOutcome(String title, List<String> done, List<String> refused) implements Serializable {

    public BulkOutcome {
        done = List.copyOf(done);
        refused = List.copyOf(refused);
    }
}
