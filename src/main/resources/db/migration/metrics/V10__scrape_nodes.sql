-- The nodes that scrape, each with the time it promises to say again that it is alive, so that a
-- node holds a fair share of the targets: a node that joins gets some, the others give theirs up.
CREATE TABLE metric_scrape_node (
    node         VARCHAR(200)             PRIMARY KEY,
    alive_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
