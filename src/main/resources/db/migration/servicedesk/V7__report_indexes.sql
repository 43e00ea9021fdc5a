-- The service-desk report reads incidents by the day they were first answered.
CREATE INDEX incident_responded_ix ON incident (responded_at);
