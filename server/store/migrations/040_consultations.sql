-- Open consultations (issue 15): the draft opened to everyone for a set time, the participants who
-- signed up for it (never members of the forum), their inputs and those recorded offline on
-- someone's behalf, supports, and the reasoned responses. Status is derived from the dates (no job
-- closes a consultation). Inputs and responses are never deleted: the record is the evidence.

CREATE TABLE consultations (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  instructions TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('plan', 'commitments')),
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  CHECK (starts_at < ends_at)
);
CREATE INDEX consultations_workspace ON consultations(workspace_id, created_at);

-- The commitments open to inputs when scope is 'commitments'. Commitments live in the plan's Yjs
-- document: no foreign key.
CREATE TABLE consultation_commitments (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  commitment_id TEXT NOT NULL,
  PRIMARY KEY (consultation_id, commitment_id)
);

-- A person who signed up to take part: what they declared, and whether their name may be shown.
CREATE TABLE consultation_participants (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  organization TEXT,
  show_name INTEGER NOT NULL CHECK (show_name IN (0, 1)),
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (consultation_id, user_id)
);

-- An input. Online ones have an author_id (a participant); offline ones a recorded_by (the
-- facilitator) and, with the person's consent, their name. Sector and organisation are copied at
-- the time: the record counts them as they were declared.
CREATE TABLE consultation_inputs (
  id TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id),
  kind TEXT NOT NULL CHECK (kind IN ('comment', 'idea')),
  commitment_id TEXT,
  body TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('online', 'paper', 'phone', 'workshop', 'radio')),
  author_id TEXT REFERENCES users(id),
  recorded_by TEXT REFERENCES users(id),
  -- The name shown publicly, or NULL ("a participant from <sector>").
  public_name TEXT,
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  organization TEXT,
  community TEXT,
  created_at INTEGER NOT NULL,
  CHECK (kind = 'comment' OR commitment_id IS NULL),
  CHECK ((channel = 'online') = (author_id IS NOT NULL)),
  CHECK ((channel = 'online') = (recorded_by IS NULL))
);
CREATE INDEX consultation_inputs_consultation ON consultation_inputs(consultation_id, created_at);

-- One support per person and input: the primary key decides between concurrent clicks.
CREATE TABLE consultation_supports (
  input_id TEXT NOT NULL REFERENCES consultation_inputs(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (input_id, user_id)
);

-- Reasoned responses: a revision is a new row; the latest is the input's answer.
CREATE TABLE consultation_responses (
  id TEXT PRIMARY KEY,
  input_id TEXT NOT NULL REFERENCES consultation_inputs(id),
  status TEXT NOT NULL CHECK (status IN ('accepted', 'partly_accepted', 'not_accepted', 'answered')),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  author_id TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX consultation_responses_input ON consultation_responses(input_id, created_at);

CREATE TRIGGER consultation_inputs_no_delete BEFORE DELETE ON consultation_inputs
BEGIN SELECT RAISE(ABORT, 'inputs are never deleted'); END;
CREATE TRIGGER consultation_inputs_no_update BEFORE UPDATE ON consultation_inputs
BEGIN SELECT RAISE(ABORT, 'an input''s record never changes'); END;
CREATE TRIGGER consultation_responses_no_update BEFORE UPDATE ON consultation_responses
BEGIN SELECT RAISE(ABORT, 'responses are append-only: a revision is a new response'); END;
CREATE TRIGGER consultation_responses_no_delete BEFORE DELETE ON consultation_responses
BEGIN SELECT RAISE(ABORT, 'responses are append-only: a revision is a new response'); END;
