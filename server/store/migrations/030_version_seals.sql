-- The server's Ed25519 seal on each official version (issue 11, item 7): the signature of the
-- version's statement (number, hash, signatures, declines, time; shared/seal.ts) by the key whose
-- fingerprint the municipality publishes. A version is sealed in the transaction that makes it
-- official, and a version without a sound seal is never served as official.

CREATE TABLE version_seals (
  workspace_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  -- NULL only for versions that were official before seals existed (below): sealed once, on
  -- their first check after this migration, if they pass it.
  key_fingerprint TEXT CHECK (key_fingerprint IS NULL OR length(key_fingerprint) = 64),
  signature TEXT,
  sealed_at INTEGER,
  PRIMARY KEY (workspace_id, number),
  FOREIGN KEY (workspace_id, number) REFERENCES plan_versions(workspace_id, number),
  CHECK ((signature IS NULL) = (key_fingerprint IS NULL) AND (signature IS NULL) = (sealed_at IS NULL))
);

INSERT INTO version_seals (workspace_id, number) SELECT workspace_id, number FROM plan_versions;

-- A seal is written once: only a pending one (of a version older than seals) may be completed.
CREATE TRIGGER version_seals_once BEFORE UPDATE ON version_seals
WHEN OLD.signature IS NOT NULL OR NEW.workspace_id IS NOT OLD.workspace_id OR NEW.number IS NOT OLD.number
BEGIN SELECT RAISE(ABORT, 'seal_immutable: a version''s seal never changes'); END;

CREATE TRIGGER version_seals_no_delete BEFORE DELETE ON version_seals
BEGIN SELECT RAISE(ABORT, 'seal_immutable: seals are never removed'); END;

-- The integrity check reads a version's freeze events from the log.
CREATE INDEX events_workspace_type ON events(workspace_id, type);
