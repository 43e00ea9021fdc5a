-- How many times something was added to check_history: one row, bumped in the same transaction
-- as every append. Every state change, acknowledgement, downtime start or end and flapping change
-- is history, so pages showing live state (the status board) learn that something happened, on
-- whichever node it happened, from one cheap read instead of re-running their own queries.
CREATE TABLE check_history_generation (
    id         INTEGER PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO check_history_generation (id, generation) VALUES (1, 0);
