-- The service-desk report reads incidents by the day they were first answered; a team's list is
-- read newest first.
CREATE INDEX incident_responded_ix ON incident (responded_at);
CREATE INDEX incident_team_created_ix ON incident (team_id, created_at);
