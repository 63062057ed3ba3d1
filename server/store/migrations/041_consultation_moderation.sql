-- Moderation of consultation inputs (issue 15) that keeps the record honest: a facilitator hides an
-- input with a public reason and may show it again; both are recorded, nothing is deleted (the
-- input's row never changes). The latest row of an input says whether it is hidden now.
CREATE TABLE consultation_moderations (
  id TEXT PRIMARY KEY,
  input_id TEXT NOT NULL REFERENCES consultation_inputs(id),
  action TEXT NOT NULL CHECK (action IN ('hide', 'show')),
  -- The public reason of a hiding; showing an input again needs none.
  reason TEXT CHECK (reason IS NULL OR length(trim(reason)) > 0),
  actor_id TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  CHECK ((action = 'hide') = (reason IS NOT NULL))
);
CREATE INDEX consultation_moderations_input ON consultation_moderations(input_id, created_at);

-- Reports of abuse by signed-in participants and members: one per person and input (the primary
-- key decides between concurrent clicks). Only facilitators read them, without the reporter's name.
CREATE TABLE consultation_reports (
  input_id TEXT NOT NULL REFERENCES consultation_inputs(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  reason TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (input_id, user_id)
);

CREATE TRIGGER consultation_moderations_no_update BEFORE UPDATE ON consultation_moderations
BEGIN SELECT RAISE(ABORT, 'moderation is append-only'); END;
CREATE TRIGGER consultation_moderations_no_delete BEFORE DELETE ON consultation_moderations
BEGIN SELECT RAISE(ABORT, 'moderation is append-only'); END;
CREATE TRIGGER consultation_reports_no_update BEFORE UPDATE ON consultation_reports
BEGIN SELECT RAISE(ABORT, 'reports are never changed'); END;
CREATE TRIGGER consultation_reports_no_delete BEFORE DELETE ON consultation_reports
BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;
