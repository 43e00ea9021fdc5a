-- Timeline lines that repeated what rows hold are no longer stored: an alert's end is its resolved_at
-- and resolved_by; an alert opening or joining a group is its member row (first_seen, reason), and
-- opened_group tells which of the two it was; a group's end is its resolved_at. The intake wrote these
-- lines for every new and resolved alert, a fifth of the rows it wrote.
ALTER TABLE alert_group_member ADD COLUMN opened_group BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE alert_group_member m SET opened_group = TRUE
    WHERE EXISTS (SELECT 1 FROM alert_group_history h
        WHERE h.group_id = m.group_id AND h.alert_id = m.alert_id AND h.kind = 'OPENED');
DELETE FROM alert_group_history WHERE kind IN ('OPENED', 'ALERT_JOINED', 'RESOLVED');
DELETE FROM alert_history WHERE kind = 'RESOLVED';
