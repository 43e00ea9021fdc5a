-- PostgreSQL only (H2 has neither partial indexes nor INCLUDE columns).
-- The work queue (open incidents, most urgent first) is read in index order and stops after a
-- page, whatever the open states; the report's sums over a period read only the index.
CREATE INDEX incident_open_queue_ix ON incident (priority, created_at, id)
    WHERE state IN ('NEW', 'IN_PROGRESS', 'ON_HOLD');
CREATE INDEX incident_resolved_report_ix ON incident (resolved_at) INCLUDE (started_at, priority, team_id);
CREATE INDEX incident_responded_report_ix ON incident (responded_at) INCLUDE (started_at, priority, team_id);
CREATE INDEX incident_created_report_ix ON incident (created_at) INCLUDE (priority, team_id);
