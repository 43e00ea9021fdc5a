-- Events name a machine by an IP address or host name written their own way ("2001:db8::1" for
-- what a CI lists as "2001:db8:0:0::1"), so ci_address gets each address's canonical form
-- (Addresses.key), the one its lookups compare. The address stays as the user wrote it.
-- V5 fills the key for existing rows (in Java: neither engine can write IPv6 canonically in SQL);
-- V6 then requires it and indexes it. 300 characters: an IPv6 address written short with a long
-- zone grows when written out.
ALTER TABLE ci_address ADD COLUMN address_key VARCHAR(300);
