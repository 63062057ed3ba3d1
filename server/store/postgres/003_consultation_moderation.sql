-- Moderation of consultation inputs (SQLite migration 041): hidings with their public reason and
-- showings again, append-only; reports of abuse, one per person and input. Nothing is deleted.
CREATE TABLE consultation_moderations (
  id TEXT PRIMARY KEY,
  input_id TEXT NOT NULL REFERENCES consultation_inputs(id),
  action TEXT NOT NULL CHECK (action IN ('hide', 'show')),
  reason TEXT CHECK (reason IS NULL OR length(trim(reason)) > 0),
  actor_id TEXT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  CHECK ((action = 'hide') = (reason IS NOT NULL))
);
CREATE INDEX consultation_moderations_input ON consultation_moderations(input_id, created_at);

CREATE TABLE consultation_reports (
  input_id TEXT NOT NULL REFERENCES consultation_inputs(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  reason TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (input_id, user_id)
);

CREATE TRIGGER consultation_moderations_no_update BEFORE UPDATE ON consultation_moderations
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('moderation is append-only');
CREATE TRIGGER consultation_moderations_no_delete BEFORE DELETE ON consultation_moderations
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('moderation is append-only');
CREATE TRIGGER consultation_reports_no_update BEFORE UPDATE ON consultation_reports
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('reports are never changed');
CREATE TRIGGER consultation_reports_no_delete BEFORE DELETE ON consultation_reports
  FOR EACH ROW EXECUTE FUNCTION cocrea_refuse('reports are never deleted');
