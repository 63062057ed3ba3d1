-- Which member each Yjs client id of a document belongs to. The collaboration server binds an
-- id to the authenticated member whose socket first uses it, and refuses any later update whose
-- new items carry an id bound to someone else: authorship read from the items' ids (who wrote
-- what is still in the plan) cannot be claimed under another member's name.
CREATE TABLE doc_clients (
  doc_name TEXT NOT NULL,
  client_id INTEGER NOT NULL,
  -- No foreign key, as for doc_log: authorship outlives accounts.
  user_id TEXT NOT NULL,
  bound_at INTEGER NOT NULL,
  PRIMARY KEY (doc_name, client_id)
) WITHOUT ROWID;
