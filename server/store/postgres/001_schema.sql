-- Cocrea's schema for PostgreSQL, in one file: the state the SQLite migrations (../migrations)
-- reach, with the same constraints and the same immutability triggers (their messages too, so
-- errors read alike on both stores). Times are milliseconds since the epoch (BIGINT); flags are
-- 0/1 integers and JSON is text, as in SQLite, so store modules run unchanged on both.

-- Refuses the statement with the message given as the trigger's argument.
CREATE FUNCTION cocrea_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END $$;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  locale TEXT,
  created_at BIGINT NOT NULL
);
-- Unique regardless of case, as SQLite's COLLATE NOCASE.
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  jurisdiction TEXT NOT NULL,
  country TEXT,
  period_start TEXT,
  period_end TEXT,
  default_locale TEXT NOT NULL DEFAULT 'en',
  max_commitments INTEGER NOT NULL DEFAULT 5 CHECK (max_commitments BETWEEN 1 AND 20),
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'drafter', 'commenter', 'viewer')),
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  organization TEXT,
  joined_at BIGINT NOT NULL,
  show_name INTEGER NOT NULL DEFAULT 0 CHECK (show_name IN (0, 1)),
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE member_removals (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  removed_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE invitations (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'drafter', 'commenter', 'viewer')),
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT,
  max_uses INTEGER,
  uses INTEGER NOT NULL DEFAULT 0,
  revoked_at BIGINT
);
CREATE INDEX invitations_workspace ON invitations(workspace_id);

CREATE TABLE events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  actor_id TEXT,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX events_workspace ON events(workspace_id, id);
CREATE INDEX events_workspace_type ON events(workspace_id, type);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('events are append-only');
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('events are append-only');

-- Collaborative documents. The log's key is an identity: two instances appending to one
-- document at once never collide, and appends to one document take a per-document advisory
-- lock, so its ids follow commit order (documents.ts).
CREATE TABLE doc_names (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE doc_log (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc_id BIGINT NOT NULL REFERENCES doc_names(id),
  user_id TEXT NOT NULL,
  data BYTEA NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX doc_log_doc ON doc_log(doc_id, seq);
CREATE TABLE doc_snapshots (
  doc_name TEXT PRIMARY KEY,
  state BYTEA NOT NULL,
  through_seq BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE doc_contributions (
  doc_name TEXT NOT NULL,
  user_id TEXT NOT NULL,
  updates BIGINT NOT NULL,
  bytes BIGINT NOT NULL,
  first_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (doc_name, user_id)
);
CREATE TABLE doc_clients (
  doc_name TEXT NOT NULL,
  client_id BIGINT NOT NULL,
  user_id TEXT NOT NULL,
  bound_at BIGINT NOT NULL,
  PRIMARY KEY (doc_name, client_id)
);

CREATE TABLE votes (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('approve', 'prioritise', 'consent')),
  options TEXT NOT NULL DEFAULT '[]',
  max_choices INTEGER CHECK (max_choices IS NULL OR max_choices >= 1),
  commitment_id TEXT,
  meeting_id TEXT,
  eligibility TEXT NOT NULL CHECK (eligibility IN ('commenter', 'drafter')),
  secrecy TEXT NOT NULL CHECK (secrecy IN ('open', 'secret')),
  tallies TEXT NOT NULL CHECK (tallies IN ('live', 'after_close')),
  quorum INTEGER CHECK (quorum IS NULL OR quorum >= 1),
  closes_at BIGINT,
  opened_by TEXT NOT NULL REFERENCES users(id),
  opened_at BIGINT NOT NULL,
  closed_at BIGINT,
  closed_by TEXT REFERENCES users(id),
  result TEXT,
  CHECK ((closed_at IS NULL) = (result IS NULL)),
  CHECK (secrecy = 'open' OR tallies = 'after_close')
);
CREATE INDEX votes_workspace ON votes(workspace_id, opened_at);
CREATE TRIGGER votes_closed_never_change BEFORE UPDATE ON votes
  FOR EACH ROW WHEN (OLD.closed_at IS NOT NULL)
  EXECUTE FUNCTION cocrea_refuse('vote_closed: a closed vote and its result never change');
CREATE TRIGGER votes_closed_never_removed BEFORE DELETE ON votes
  FOR EACH ROW WHEN (OLD.closed_at IS NOT NULL)
  EXECUTE FUNCTION cocrea_refuse('vote_closed: a closed vote and its result never change');

CREATE TABLE ballots (
  vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  choices TEXT NOT NULL,
  reason TEXT,
  cast_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (vote_id, user_id)
);
CREATE FUNCTION ballots_while_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP <> 'INSERT' AND (SELECT closed_at FROM votes WHERE id = OLD.vote_id) IS NOT NULL)
    OR (TG_OP <> 'DELETE' AND (SELECT closed_at FROM votes WHERE id = NEW.vote_id) IS NOT NULL) THEN
    RAISE EXCEPTION 'vote_closed: ballots of a closed vote never change';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ballots_while_open BEFORE INSERT OR UPDATE OR DELETE ON ballots
  FOR EACH ROW EXECUTE FUNCTION ballots_while_open();

CREATE TABLE vote_electorate (
  vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  PRIMARY KEY (vote_id, user_id)
);
CREATE TRIGGER vote_electorate_fixed_update BEFORE UPDATE ON vote_electorate
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('vote_electorate: the electorate of a vote is fixed when it opens');
CREATE FUNCTION vote_electorate_fixed_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ballots WHERE vote_id = NEW.vote_id)
    OR (SELECT closed_at FROM votes WHERE id = NEW.vote_id) IS NOT NULL THEN
    RAISE EXCEPTION 'vote_electorate: the electorate of a vote is fixed when it opens';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER vote_electorate_fixed_insert BEFORE INSERT ON vote_electorate
  FOR EACH ROW EXECUTE FUNCTION vote_electorate_fixed_insert();

CREATE TABLE freeze_proposals (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  proposed_by TEXT NOT NULL REFERENCES users(id),
  proposed_at BIGINT NOT NULL,
  snapshot BYTEA NOT NULL,
  content TEXT NOT NULL,
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  warnings TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'withdrawn', 'official')),
  closed_at BIGINT,
  closed_by TEXT REFERENCES users(id),
  withdraw_reason TEXT,
  CHECK ((status = 'open') = (closed_at IS NULL))
);
CREATE INDEX freeze_proposals_workspace ON freeze_proposals(workspace_id, proposed_at);
CREATE UNIQUE INDEX freeze_proposals_one_open ON freeze_proposals(workspace_id) WHERE status = 'open';
CREATE TRIGGER freeze_proposals_pinned BEFORE UPDATE ON freeze_proposals
  FOR EACH ROW WHEN (OLD.status <> 'open'
    OR NEW.id IS DISTINCT FROM OLD.id OR NEW.workspace_id IS DISTINCT FROM OLD.workspace_id
    OR NEW.proposed_by IS DISTINCT FROM OLD.proposed_by OR NEW.proposed_at IS DISTINCT FROM OLD.proposed_at
    OR NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.content IS DISTINCT FROM OLD.content
    OR NEW.hash IS DISTINCT FROM OLD.hash OR NEW.warnings IS DISTINCT FROM OLD.warnings)
  EXECUTE FUNCTION cocrea_refuse('proposal_pinned: a proposal''s content never changes, nor a closed proposal');
CREATE TRIGGER freeze_proposals_no_delete BEFORE DELETE ON freeze_proposals
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('proposal_pinned: proposals are never removed');

CREATE TABLE signatures (
  -- Insertion order, which SQLite keeps as its rowid (the store orders by that name).
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  proposal_id TEXT NOT NULL REFERENCES freeze_proposals(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  decision TEXT NOT NULL CHECK (decision IN ('signed', 'declined')),
  hash TEXT NOT NULL,
  name TEXT NOT NULL,
  organization TEXT,
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'drafter')),
  reason TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (proposal_id, user_id),
  CHECK ((decision = 'declined') = (reason IS NOT NULL))
);
CREATE FUNCTION signatures_open_proposal_and_its_hash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM freeze_proposals WHERE id = NEW.proposal_id) IS DISTINCT FROM 'open'
    OR (SELECT hash FROM freeze_proposals WHERE id = NEW.proposal_id) IS DISTINCT FROM NEW.hash THEN
    RAISE EXCEPTION 'signature_refused: only an open proposal''s own hash can be signed';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER signatures_open_proposal_and_its_hash BEFORE INSERT ON signatures
  FOR EACH ROW EXECUTE FUNCTION signatures_open_proposal_and_its_hash();
CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('signature_immutable: signatures never change');
CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('signature_immutable: signatures are never removed');

CREATE TABLE plan_versions (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  proposal_id TEXT NOT NULL UNIQUE REFERENCES freeze_proposals(id),
  schema TEXT NOT NULL,
  snapshot BYTEA NOT NULL,
  content TEXT NOT NULL,
  hash TEXT NOT NULL CHECK (length(hash) = 64),
  official_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, number)
);
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('version_immutable: official versions never change');
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('version_immutable: official versions are never removed');

CREATE TABLE version_seals (
  workspace_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  key_fingerprint TEXT CHECK (key_fingerprint IS NULL OR length(key_fingerprint) = 64),
  signature TEXT,
  sealed_at BIGINT,
  PRIMARY KEY (workspace_id, number),
  FOREIGN KEY (workspace_id, number) REFERENCES plan_versions(workspace_id, number),
  CHECK ((signature IS NULL) = (key_fingerprint IS NULL) AND (signature IS NULL) = (sealed_at IS NULL))
);
CREATE TRIGGER version_seals_once BEFORE UPDATE ON version_seals
  FOR EACH ROW WHEN (OLD.signature IS NOT NULL OR NEW.workspace_id IS DISTINCT FROM OLD.workspace_id
    OR NEW.number IS DISTINCT FROM OLD.number)
  EXECUTE FUNCTION cocrea_refuse('seal_immutable: a version''s seal never changes');
CREATE TRIGGER version_seals_no_delete BEFORE DELETE ON version_seals
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('seal_immutable: seals are never removed');

CREATE TABLE comment_threads (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id),
  target TEXT NOT NULL CHECK (target IN ('plan', 'commitment', 'text')),
  commitment_id TEXT,
  field TEXT,
  anchor_start TEXT,
  anchor_end TEXT,
  quote TEXT,
  created_at BIGINT NOT NULL,
  CHECK (target <> 'plan' OR (commitment_id IS NULL AND field IS NULL)),
  CHECK (target <> 'commitment' OR (commitment_id IS NOT NULL AND field IS NULL)),
  CHECK ((target = 'text') = (field IS NOT NULL AND anchor_start IS NOT NULL AND anchor_end IS NOT NULL AND quote IS NOT NULL))
);
CREATE INDEX comment_threads_workspace ON comment_threads(workspace_id, created_at);
CREATE TRIGGER comment_threads_no_delete BEFORE DELETE ON comment_threads
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('comments are never deleted');
CREATE TRIGGER comment_threads_no_update BEFORE UPDATE ON comment_threads
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('a thread''s target and anchor never change');

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL REFERENCES comment_threads(id),
  author_id TEXT NOT NULL REFERENCES users(id),
  author_sector TEXT NOT NULL CHECK (author_sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  edited_at BIGINT,
  withdrawn_at BIGINT,
  hidden_at BIGINT,
  hidden_by TEXT REFERENCES users(id),
  hidden_reason TEXT,
  CHECK ((hidden_at IS NULL) = (hidden_by IS NULL) AND (hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX comments_thread ON comments(thread_id, created_at);
CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('comments are never deleted');

CREATE TABLE comment_edits (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  comment_id TEXT NOT NULL REFERENCES comments(id),
  previous_body TEXT NOT NULL,
  edited_at BIGINT NOT NULL
);
CREATE INDEX comment_edits_comment ON comment_edits(comment_id, id);
CREATE TRIGGER comment_edits_no_update BEFORE UPDATE ON comment_edits
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('edit history is append-only');
CREATE TRIGGER comment_edits_no_delete BEFORE DELETE ON comment_edits
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('edit history is append-only');

CREATE FUNCTION comments_keep_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.thread_id IS DISTINCT FROM OLD.thread_id
    OR NEW.author_id IS DISTINCT FROM OLD.author_id OR NEW.author_sector IS DISTINCT FROM OLD.author_sector
    OR NEW.created_at IS DISTINCT FROM OLD.created_at
    OR (OLD.withdrawn_at IS NOT NULL AND NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at)
    OR (OLD.hidden_at IS NOT NULL AND NEW.hidden_at IS DISTINCT FROM OLD.hidden_at)
    OR (NEW.body IS DISTINCT FROM OLD.body AND (
      NEW.edited_at IS NULL
      OR NOT EXISTS (
        SELECT 1 FROM comment_edits e
        WHERE e.id = (SELECT max(id) FROM comment_edits WHERE comment_id = OLD.id)
          AND e.previous_body = OLD.body AND e.edited_at = NEW.edited_at))) THEN
    RAISE EXCEPTION 'a comment''s record only grows: a text change needs its edit-history row';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER comments_keep_record BEFORE UPDATE ON comments
  FOR EACH ROW EXECUTE FUNCTION comments_keep_record();

CREATE TABLE comment_responses (
  id TEXT PRIMARY KEY,
  -- Insertion order, which SQLite keeps as its rowid (the store orders by that name).
  rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  thread_id TEXT NOT NULL REFERENCES comment_threads(id),
  status TEXT NOT NULL CHECK (status IN ('accepted', 'partly_accepted', 'not_accepted', 'answered')),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  author_id TEXT NOT NULL REFERENCES users(id),
  author_sector TEXT NOT NULL CHECK (author_sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  created_at BIGINT NOT NULL
);
CREATE INDEX comment_responses_thread ON comment_responses(thread_id, created_at);
CREATE TRIGGER comment_responses_no_update BEFORE UPDATE ON comment_responses
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('responses are append-only: a revision is a new response');
CREATE TRIGGER comment_responses_no_delete BEFORE DELETE ON comment_responses
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('responses are append-only: a revision is a new response');

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  planned_minutes INTEGER NOT NULL CHECK (planned_minutes >= 1),
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX meetings_workspace ON meetings(workspace_id, starts_at);

CREATE TABLE agenda_items (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  minutes INTEGER NOT NULL CHECK (minutes >= 1),
  lead TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('discussion', 'brainstorm')),
  revealed_at BIGINT,
  UNIQUE (meeting_id, position)
);

CREATE TABLE meeting_transitions (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  action TEXT NOT NULL,
  at BIGINT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (meeting_id, seq)
);

CREATE TABLE meeting_attendance (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  presence TEXT NOT NULL CHECK (presence IN ('room', 'remote')),
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  checked_in_by TEXT NOT NULL REFERENCES users(id),
  checked_in_at BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE meeting_decisions (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('decision', 'next_step')),
  what TEXT NOT NULL,
  who TEXT NOT NULL DEFAULT '',
  due_date TEXT,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id, created_at);

CREATE TABLE brainstorm_categories (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);

CREATE TABLE brainstorm_cards (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users(id),
  text TEXT NOT NULL,
  category_id TEXT REFERENCES brainstorm_categories(id) ON DELETE SET NULL,
  created_at BIGINT NOT NULL,
  revealed_at BIGINT,
  CHECK (category_id IS NULL OR revealed_at IS NOT NULL)
);
CREATE INDEX brainstorm_cards_item ON brainstorm_cards(item_id, created_at);

CREATE TABLE meeting_minutes (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
  content TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  recorded_by TEXT NOT NULL REFERENCES users(id)
);
CREATE TRIGGER meeting_minutes_no_update BEFORE UPDATE ON meeting_minutes
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('minutes_immutable: recorded minutes never change');
CREATE TRIGGER meeting_minutes_no_delete BEFORE DELETE ON meeting_minutes
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('minutes_immutable: recorded minutes are never removed');

CREATE TABLE publications (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  show_draft INTEGER NOT NULL DEFAULT 0 CHECK (show_draft IN (0, 1)),
  updated_at BIGINT NOT NULL
);
CREATE TABLE published_minutes (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  PRIMARY KEY (workspace_id, meeting_id)
);
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
CREATE TABLE signoff_rules (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  non_governmental_sectors TEXT NOT NULL,
  government_signatures INTEGER NOT NULL CHECK (government_signatures >= 1),
  non_governmental_signatures INTEGER NOT NULL CHECK (non_governmental_signatures >= 1),
  decline_blocks INTEGER NOT NULL CHECK (decline_blocks IN (0, 1)),
  updated_at BIGINT NOT NULL
);
