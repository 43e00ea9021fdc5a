package io.opsline.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One stored audit record. {@code hash} covers every other field plus the previous record's
 * hash, so changing, removing or reordering any record breaks the chain from there on.
 */
public record AuditRecord(long seq, Instant occurredAt, String actor, String channel, String credential,
        String remoteAddress, String action, String entityType, String entityId, String summary, String before,
        String after, String prevHash, String hash) {

    /** The hash of the chain before its first record. */
    public static final String GENESIS = "0".repeat(64);

    /** Computes this record's hash from its content; compare with {@link #hash()} to detect tampering. */
    public String computeHash() {
        var canonical = new StringBuilder(256);
        for (var field : new String[] {Long.toString(seq), occurredAt.toString(), actor, channel, credential,
                remoteAddress, action, entityType, entityId, summary, before, after, prevHash}) {
            // Length-prefixed, so no choice of field contents can make two records hash alike.
            if (field == null) {
                canonical.append("-;");
            } else {
                canonical.append(field.length()).append(':').append(field).append(';');
            }
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public AuditRecord withHash() {
        return new AuditRecord(seq, occurredAt, actor, channel, credential, remoteAddress, action, entityType, entityId,
                summary, before, after, prevHash, computeHash());
    }
}
