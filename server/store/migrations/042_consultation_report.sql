-- "What we heard and what we did" (issue 15): a facilitator publishes a consultation's report on
-- the process page, and may withdraw it. A row means published; withdrawing deletes it (the event
-- log keeps both choices). The report itself is computed from the inputs, never stored.
CREATE TABLE consultation_report_publications (
  consultation_id TEXT PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
  published_by TEXT NOT NULL REFERENCES users(id),
  published_at INTEGER NOT NULL
);
