-- "What we heard and what we did" (SQLite migration 042): a row means the facilitators published
-- the consultation's report on the process page; withdrawing it deletes the row.
CREATE TABLE consultation_report_publications (
  consultation_id TEXT PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
  published_by TEXT NOT NULL REFERENCES users(id),
  published_at BIGINT NOT NULL
);
