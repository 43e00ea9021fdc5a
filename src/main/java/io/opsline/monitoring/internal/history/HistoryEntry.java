package io.opsline.monitoring.internal.history;

import java.time.Instant;
import java.util.UUID;

import io.opsline.platform.Ids;

/**
 * One thing that happened to a check or a CI.
 *
 * @param checkId null for what concerns the whole CI (host state, downtime)
 * @param state the state's name (a service or host state) where the entry is about one, else null
 * @param stateType HARD or SOFT for state changes, else null
 * @param causedBy the parent CI that was down, for problems that were its consequence
 * @param author who did it, for acknowledgements and downtimes; null for what the engine saw
 * @param text a comment or explanation
 */
public record HistoryEntry(UUID id, UUID ciId, UUID checkId, Instant at, HistoryKind kind, String state,
        String stateType, Integer attempt, String output, UUID causedBy, String author, String text) {

    /** An entry the engine records, with a new id. */
    public static HistoryEntry of(UUID ciId, UUID checkId, Instant at, HistoryKind kind, String state,
            String stateType, Integer attempt, String output, UUID causedBy) {
        return new HistoryEntry(Ids.newId(), ciId, checkId, at, kind, state, stateType, attempt, output, causedBy,
                null, null);
    }

    /** An entry for something a person did (acknowledged, scheduled a downtime), with a new id. */
    public static HistoryEntry byPerson(UUID ciId, UUID checkId, Instant at, HistoryKind kind, String author,
            String text) {
        return new HistoryEntry(Ids.newId(), ciId, checkId, at, kind, null, null, null, null, null, author, text);
    }
}
