-- Open consultations (SQLite migration 040): the draft opened to everyone for a set time, its
-- participants (never members of the forum), their inputs and those recorded offline, supports,
-- and the reasoned responses. Inputs and responses are never deleted: the record is the evidence.

CREATE TABLE consultations (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  instructions TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('plan', 'commitments')),
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  CHECK (starts_at < ends_at)
);
CREATE INDEX consultations_workspace ON consultations(workspace_id, created_at);

CREATE TABLE consultation_commitments (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  commitment_id TEXT NOT NULL,
  PRIMARY KEY (consultation_id, commitment_id)
);

CREATE TABLE consultation_participants (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  organization TEXT,
  show_name INTEGER NOT NULL CHECK (show_name IN (0, 1)),
  joined_at BIGINT NOT NULL,
  PRIMARY KEY (consultation_id, user_id)
);

CREATE TABLE consultation_inputs (
  id TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id),
  kind TEXT NOT NULL CHECK (kind IN ('comment', 'idea')),
  commitment_id TEXT,
  body TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'paper', 'phone', 'workshop', 'radio')),
  author_id TEXT REFERENCES users(id),
  recorded_by TEXT REFERENCES users(id),
  public_name TEXT,
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  organization TEXT,
  community TEXT,
  created_at BIGINT NOT NULL,
  CHECK (kind = 'comment' OR commitment_id IS NULL),
  CHECK ((channel = 'online') = (author_id IS NOT NULL)),
  CHECK ((channel = 'online') = (recorded_by IS NULL))
);
CREATE INDEX consultation_inputs_consultation ON consultation_inputs(consultation_id, created_at);

CREATE TABLE consultation_supports (
  input_id TEXT NOT NULL REFERENCES consultation_inputs(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (input_id, user_id)
);

CREATE TABLE consultation_responses (
  id TEXT PRIMARY KEY,
  input_id TEXT NOT NULL REFERENCES consultation_inputs(id),
  status TEXT NOT NULL CHECK (status IN ('accepted', 'partly_accepted', 'not_accepted', 'answered')),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  author_id TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX consultation_responses_input ON consultation_responses(input_id, created_at);

CREATE TRIGGER consultation_inputs_no_delete BEFORE DELETE ON consultation_inputs
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('inputs are never deleted');
CREATE TRIGGER consultation_inputs_no_update BEFORE UPDATE ON consultation_inputs
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('an input''s record never changes');
CREATE TRIGGER consultation_responses_no_update BEFORE UPDATE ON consultation_responses
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('responses are append-only: a revision is a new response');
CREATE TRIGGER consultation_responses_no_delete BEFORE DELETE ON consultation_responses
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('responses are append-only: a revision is a new response');
