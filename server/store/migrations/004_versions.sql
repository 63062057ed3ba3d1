-- Freezing the action plan: proposals pin the plan's content, members sign or decline its hash,
-- and a proposal signed by government and civil society becomes official version n. What was
-- pinned, signed and published never changes: the triggers refuse it even to direct SQL.

CREATE TABLE freeze_proposals (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  proposed_by TEXT NOT NULL REFERENCES users(id),
  proposed_at INTEGER NOT NULL,
  -- Y.encodeStateAsUpdate of the plan document when proposed.
  snapshot BLOB NOT NULL,
  -- The canonical JSON (schema cocrea.plan/v1) and the SHA-256 hex of its UTF-8 bytes.
  content TEXT NOT NULL,
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  -- JSON: the self-check's warnings at proposal time.
  warnings TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'withdrawn', 'official')),
  closed_at INTEGER,
  closed_by TEXT REFERENCES users(id),
  withdraw_reason TEXT,
  CHECK ((status = 'open') = (closed_at IS NULL))
);
CREATE INDEX freeze_proposals_workspace ON freeze_proposals(workspace_id, proposed_at);
-- One open proposal per workspace, whatever the application does.
CREATE UNIQUE INDEX freeze_proposals_one_open ON freeze_proposals(workspace_id) WHERE status = 'open';

-- Only an open proposal's status (and how it closed) may change; its content never.
CREATE TRIGGER freeze_proposals_pinned BEFORE UPDATE ON freeze_proposals
WHEN OLD.status <> 'open'
  OR NEW.id IS NOT OLD.id OR NEW.workspace_id IS NOT OLD.workspace_id
  OR NEW.proposed_by IS NOT OLD.proposed_by OR NEW.proposed_at IS NOT OLD.proposed_at
  OR NEW.snapshot IS NOT OLD.snapshot OR NEW.content IS NOT OLD.content OR NEW.hash IS NOT OLD.hash
  OR NEW.warnings IS NOT OLD.warnings
BEGIN SELECT RAISE(ABORT, 'proposal_pinned: a proposal''s content never changes, nor a closed proposal'); END;

CREATE TRIGGER freeze_proposals_no_delete BEFORE DELETE ON freeze_proposals
BEGIN SELECT RAISE(ABORT, 'proposal_pinned: proposals are never removed'); END;

-- Signatures and declines. Name, organisation, sector and role are copied when signing: the
-- record shows who they were then, whatever their account or membership becomes.
CREATE TABLE signatures (
  proposal_id TEXT NOT NULL REFERENCES freeze_proposals(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  decision TEXT NOT NULL CHECK (decision IN ('signed', 'declined')),
  hash TEXT NOT NULL,
  name TEXT NOT NULL,
  organization TEXT,
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'drafter')),
  reason TEXT,
  created_at INTEGER NOT NULL,
  -- One decision per member and proposal.
  PRIMARY KEY (proposal_id, user_id),
  CHECK ((decision = 'declined') = (reason IS NOT NULL))
);

CREATE TRIGGER signatures_open_proposal_and_its_hash BEFORE INSERT ON signatures
WHEN (SELECT status FROM freeze_proposals WHERE id = NEW.proposal_id) IS NOT 'open'
  OR (SELECT hash FROM freeze_proposals WHERE id = NEW.proposal_id) IS NOT NEW.hash
BEGIN SELECT RAISE(ABORT, 'signature_refused: only an open proposal''s own hash can be signed'); END;

CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
BEGIN SELECT RAISE(ABORT, 'signature_immutable: signatures never change'); END;

CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
BEGIN SELECT RAISE(ABORT, 'signature_immutable: signatures are never removed'); END;

-- Official versions, numbered 1, 2, … per workspace. The content and hash are the proposal's.
CREATE TABLE plan_versions (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  proposal_id TEXT NOT NULL UNIQUE REFERENCES freeze_proposals(id),
  schema TEXT NOT NULL,
  snapshot BLOB NOT NULL,
  content TEXT NOT NULL,
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  official_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, number)
);

CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'version_immutable: official versions never change'); END;

CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'version_immutable: official versions are never removed'); END;
