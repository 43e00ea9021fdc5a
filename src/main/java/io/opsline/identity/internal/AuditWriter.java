package io.opsline.identity.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.opsline.identity.AuditEntry;
import io.opsline.platform.Jdbc;
import tools.jackson.databind.json.JsonMapper;

/** Turns audit entries into chained records and appends them under the chain-head lock. */
@Component
public class AuditWriter {

    private static final int MAX_SUMMARY = 1000;

    private final AuditRepository repository;
    private final JsonMapper json;

    AuditWriter(AuditRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    public void append(List<AuditEntry> entries) {
        append(Actor.current(), entries);
    }

    /** Appends as a given actor, for events where nobody is signed in yet (a sign-in attempt). */
    public void append(Actor actor, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        var at = Jdbc.now();
        // Serialise before taking the lock: the lock serialises every writer on every node.
        var prepared = entries.stream().map(e -> new Prepared(e, toJson(e.before()), toJson(e.after()))).toList();
        var head = repository.lockHead();
        var records = new ArrayList<AuditRecord>(entries.size());
        long seq = head.lastSeq();
        String prev = head.lastHash();
        for (var item : prepared) {
            var entry = item.entry();
            var record = new AuditRecord(++seq, at, actor.name(), actor.channel(), actor.credential(),
                    actor.remoteAddress(), entry.action(), entry.entityType(), entry.entityId(),
                    truncate(entry.summary()), item.before(), item.after(), prev, null).withHash();
            records.add(record);
            prev = record.hash();
        }
        repository.append(records);
    }

    private String toJson(Object snapshot) {
        return snapshot == null ? null : json.writeValueAsString(snapshot);
    }

    private record Prepared(AuditEntry entry, String before, String after) {
    }

    private static String truncate(String summary) {
        return summary == null || summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
