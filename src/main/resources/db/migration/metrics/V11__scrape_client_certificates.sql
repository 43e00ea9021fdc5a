-- A client certificate (PEM, with its chain) shown to an https target that asks for one, and its
-- private key, sealed with the node's secret key like the password or token.
ALTER TABLE metric_scrape_target ADD COLUMN tls_client_cert TEXT;
ALTER TABLE metric_scrape_target ADD COLUMN tls_client_key TEXT;
