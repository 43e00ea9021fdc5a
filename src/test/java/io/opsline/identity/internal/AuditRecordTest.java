package io.opsline.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

class AuditRecordTest {

    static final Instant AT = Instant.parse("2026-01-31T12:34:56.123456Z");

    static AuditRecord sample() {
        return new AuditRecord(1, AT, "alice", "api", "token 't' (opl_abcdef…)", "10.0.0.1", "user.create", "user",
                "42", "Created user bob", null, "{\"username\":\"bob\"}", AuditRecord.GENESIS, null);
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertThat(AuditRecord.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    void hashIsSha256OfTheLengthPrefixedFieldsAsStoredChainsExpect() {
        // Computed independently (Python hashlib) from "1:1;27:2026-01-31T12:34:56.123456Z;5:alice;...".
        // If this changes, every chain already stored would suddenly fail verification.
        assertThat(sample().computeHash())
                .isEqualTo("d497ed0f47e5eecd3026ea6decaa4a2bfe4299ca62185bbd5c7afbdfcda12d66");
    }

    @Test
    void hashIsStableAndIgnoresTheStoredHashField() {
        var record = sample().withHash();
        assertThat(record.hash()).isEqualTo(record.computeHash()).matches("[0-9a-f]{64}");
        var withForeignHash = new AuditRecord(record.seq(), record.occurredAt(), record.actor(), record.channel(),
                record.credential(), record.remoteAddress(), record.action(), record.entityType(), record.entityId(),
                record.summary(), record.before(), record.after(), record.prevHash(), "f".repeat(64));
        assertThat(withForeignHash.computeHash()).isEqualTo(record.hash());
    }

    @Test
    void changingAnyFieldChangesTheHash() {
        var original = sample().withHash();
        Map<String, UnaryOperator<AuditRecord>> changes = new LinkedHashMap<>();
        changes.put("seq", r -> copy(r, "seq", 2L));
        changes.put("occurredAt", r -> copy(r, "occurredAt", AT.plusNanos(1000)));
        changes.put("actor", r -> copy(r, "actor", "mallory"));
        changes.put("channel", r -> copy(r, "channel", "ui"));
        changes.put("credential", r -> copy(r, "credential", null));
        changes.put("remoteAddress", r -> copy(r, "remoteAddress", "10.0.0.2"));
        changes.put("action", r -> copy(r, "action", "user.delete"));
        changes.put("entityType", r -> copy(r, "entityType", "team"));
        changes.put("entityId", r -> copy(r, "entityId", "43"));
        changes.put("summary", r -> copy(r, "summary", "Created user bob "));
        changes.put("before", r -> copy(r, "before", "{}"));
        changes.put("after", r -> copy(r, "after", "{\"username\":\"eve\"}"));
        changes.put("prevHash", r -> copy(r, "prevHash", "1".repeat(64)));
        changes.forEach((field, change) -> assertThat(change.apply(original).computeHash())
                .as("hash after changing %s", field)
                .isNotEqualTo(original.hash()));
    }

    @Test
    void nullAndEmptyTextHashDifferently() {
        var withNull = copy(sample(), "before", null);
        var withEmpty = copy(sample(), "before", "");
        var withDash = copy(sample(), "before", "-");
        assertThat(withNull.computeHash()).isNotEqualTo(withEmpty.computeHash()).isNotEqualTo(withDash.computeHash());
    }

    @Test
    void movingTextAcrossAFieldBoundaryChangesTheHash() {
        var ab = copy(copy(sample(), "actor", "ab"), "channel", "c");
        var bc = copy(copy(sample(), "actor", "a"), "channel", "bc");
        assertThat(ab.computeHash()).isNotEqualTo(bc.computeHash());
        // Separators and length-like text inside a field cannot forge a boundary either.
        var forged = copy(copy(sample(), "actor", "a;1:b"), "channel", "c");
        var honest = copy(copy(sample(), "actor", "a"), "channel", "b;1:c");
        assertThat(forged.computeHash()).isNotEqualTo(honest.computeHash());
        var nullThenText = copy(copy(sample(), "credential", null), "remoteAddress", "-;x");
        var textThenNull = copy(copy(sample(), "credential", "-;x"), "remoteAddress", null);
        assertThat(nullThenText.computeHash()).isNotEqualTo(textThenNull.computeHash());
    }

    @Test
    void eachRecordsHashDependsOnThePreviousOne() {
        var first = sample().withHash();
        var second = new AuditRecord(2, AT, "alice", "api", null, null, "user.update", "user", "42", "Updated", "{}",
                "{}", first.hash(), null).withHash();
        var afterForgedFirst = new AuditRecord(2, AT, "alice", "api", null, null, "user.update", "user", "42",
                "Updated", "{}", "{}", copy(first, "summary", "forged").computeHash(), null).withHash();
        assertThat(second.hash()).isNotEqualTo(afterForgedFirst.hash());
    }

    /** A copy of {@code r} with one field replaced and no stored hash. */
    static AuditRecord copy(AuditRecord r, String field, Object value) {
        return new AuditRecord(
                field.equals("seq") ? (Long) value : r.seq(),
                field.equals("occurredAt") ? (Instant) value : r.occurredAt(),
                field.equals("actor") ? (String) value : r.actor(),
                field.equals("channel") ? (String) value : r.channel(),
                field.equals("credential") ? (String) value : r.credential(),
                field.equals("remoteAddress") ? (String) value : r.remoteAddress(),
                field.equals("action") ? (String) value : r.action(),
                field.equals("entityType") ? (String) value : r.entityType(),
                field.equals("entityId") ? (String) value : r.entityId(),
                field.equals("summary") ? (String) value : r.summary(),
                field.equals("before") ? (String) value : r.before(),
                field.equals("after") ? (String) value : r.after(),
                field.equals("prevHash") ? (String) value : r.prevHash(),
                null);
    }
}
