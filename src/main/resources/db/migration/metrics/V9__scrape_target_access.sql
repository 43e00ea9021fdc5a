-- How a scrape reaches a target that wants more than a plain GET: HTTP basic auth or a bearer token,
-- and for https a CA to trust instead of the JDK's (PEM text), or no verification at all.
-- auth_secret holds the password or token, sealed with the node's secret key; it is never shown.
ALTER TABLE metric_scrape_target ADD COLUMN auth_kind VARCHAR(10) DEFAULT 'NONE' NOT NULL;
ALTER TABLE metric_scrape_target ADD COLUMN auth_username VARCHAR(200);
ALTER TABLE metric_scrape_target ADD COLUMN auth_secret VARCHAR(8000);
ALTER TABLE metric_scrape_target ADD COLUMN tls_ca TEXT;
ALTER TABLE metric_scrape_target ADD COLUMN tls_skip_verify BOOLEAN DEFAULT FALSE NOT NULL;
