-- Follow-ups: once a paged alert group is acknowledged or resolved, every target that was paged about
-- it is told, once. A delivery's thread key (the alert group, for pages) finds a group's pages: who
-- was paged, and which message an e-mail follow-up replies to.
ALTER TABLE notification_delivery ADD COLUMN thread_key VARCHAR(100);
CREATE INDEX notification_delivery_thread_ix ON notification_delivery (thread_key, kind);
-- Pages queued before the column existed: their key names their escalation, which names the group.
UPDATE notification_delivery SET thread_key = (SELECT CAST(e.group_id AS VARCHAR(36)) FROM alert_escalation e
        WHERE CAST(e.id AS VARCHAR(36)) = SUBSTRING(notification_delivery.delivery_key FROM 12 FOR 36))
    WHERE delivery_key LIKE 'escalation:%';

-- Whether a channel is told when what it was paged about is acknowledged or resolved.
ALTER TABLE notification_channel ADD COLUMN follow_ups BOOLEAN DEFAULT TRUE NOT NULL;
