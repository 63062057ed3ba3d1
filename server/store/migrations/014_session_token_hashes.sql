-- Sessions are stored by the SHA-256 of their token (issue 11, item 8): the cookie holds the token,
-- this table only its hash, so a copy of the database holds no session anyone could use. Existing
-- sessions are hashed in place, so nobody is signed out by the upgrade. The column keeps its name,
-- `id`; what it holds is the hash (hex) from now on.
UPDATE sessions SET id = sha256_hex(id);
