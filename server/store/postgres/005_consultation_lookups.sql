-- Lookups of one person's part in a large consultation (SQLite migration 043): the inputs they
-- sent, supported and reported, read on every load of the consultation page (`/me`).
CREATE INDEX consultation_inputs_author ON consultation_inputs(author_id) WHERE author_id IS NOT NULL;
CREATE INDEX consultation_supports_user ON consultation_supports(user_id);
CREATE INDEX consultation_reports_user ON consultation_reports(user_id);
-- A page of inputs is read in (created_at, id) order: with id in the index, the page is one range
-- of it, not a sort of every input of the consultation. It replaces the index without id.
CREATE INDEX consultation_inputs_page ON consultation_inputs(consultation_id, created_at, id);
DROP INDEX consultation_inputs_consultation;
