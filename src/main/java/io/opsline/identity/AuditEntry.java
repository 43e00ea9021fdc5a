package io.opsline.identity;

/**
 * One change to record in the audit log. {@code before} and {@code after} are snapshots
 * (records or maps) serialised as JSON; null where the thing did not exist.
 *
 * @param action     what happened, as {@code <entity>.<verb>}, e.g. {@code ci.update}
 * @param entityType the kind of thing changed, e.g. {@code ci}
 * @param entityId   its id, as text
 * @param summary    one human-readable line
 */
public record AuditEntry(String action, String entityType, String entityId, String summary, Object before,
        Object after) {
}
