-- Every write-ahead row is deleted within a flush interval, and every growing chunk row is rewritten
-- at each flush, so these two tables turn over their rows all the time. PostgreSQL's defaults vacuum
-- a table once a fifth of it is dead and pause as they go; here that let the dead rows of minutes of
-- flushes pile up before their space could be used again. Vacuum them once a few thousand rows are
-- dead (autovacuum still looks once a naptime, a minute by default), without pausing.
ALTER TABLE metric_wal SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0);
ALTER TABLE metric_chunk SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 10000,
    autovacuum_vacuum_cost_delay = 0);
