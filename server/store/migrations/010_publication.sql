-- The public process page: what a facilitator chose to publish, the dated roadmap, and each
-- member's consent to be named there. Nothing is public until `published` is 1.

CREATE TABLE publications (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  show_draft INTEGER NOT NULL DEFAULT 0 CHECK (show_draft IN (0, 1)),
  updated_at INTEGER NOT NULL
);

-- Meetings whose recorded minutes are public.
CREATE TABLE published_minutes (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  PRIMARY KEY (workspace_id, meeting_id)
);

-- Comment threads (inputs) shown with their reasoned responses.
CREATE TABLE published_inputs (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  thread_id TEXT NOT NULL REFERENCES comment_threads(id),
  PRIMARY KEY (workspace_id, thread_id)
);

CREATE TABLE roadmap_phases (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('preparation', 'co_creation', 'consultation', 'sign_off', 'implementation')),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  CHECK (starts_on <= ends_on),
  PRIMARY KEY (workspace_id, position)
);

-- A member's name appears on the public page only when they agreed; organisation and sector do.
ALTER TABLE memberships ADD COLUMN show_name INTEGER NOT NULL DEFAULT 0 CHECK (show_name IN (0, 1));
