-- The parent CI whose outage a check's problem is a consequence of.
ALTER TABLE check_state ADD COLUMN caused_by UUID;

-- Which node runs which checks. Checks fall into a fixed number of buckets by id; each node
-- claims a fair share of the buckets and renews its claim, so that several nodes against one
-- database each run a different share and a dead node's share is taken over when its claim runs out.
CREATE TABLE check_lease (
    bucket      INTEGER PRIMARY KEY,
    node        VARCHAR(200),
    expires_at  TIMESTAMP WITH TIME ZONE
);
INSERT INTO check_lease (bucket)
SELECT x FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14), (15),
    (16), (17), (18), (19), (20), (21), (22), (23), (24), (25), (26), (27), (28), (29), (30), (31)) AS b (x);

-- The nodes running checks and when each last said it was alive, so that the shares are fair.
CREATE TABLE check_node (
    node     VARCHAR(200) PRIMARY KEY,
    seen_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
