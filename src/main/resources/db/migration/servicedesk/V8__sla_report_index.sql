-- The report's SLA compliance reads the clocks that stopped in its period.
CREATE INDEX incident_sla_stopped_ix ON incident_sla (stopped_at);
