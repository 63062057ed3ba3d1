-- The snapshot as a sync sends it (issue #16; SQLite's migration 044): the same document with
-- deleted text collected. Written with `state` by every compaction, or null: it always describes
-- the snapshot beside it, never an older one. doc_log_read returns it with the snapshot's row.
ALTER TABLE doc_snapshots ADD COLUMN sync_state BYTEA;

DROP FUNCTION doc_log_read(TEXT, BIGINT);
CREATE FUNCTION doc_log_read(doc_name_in TEXT, doc BIGINT)
RETURNS TABLE (is_snapshot BOOLEAN, row_seq BIGINT, row_data BYTEA, row_sync BYTEA) LANGUAGE plpgsql AS $$
DECLARE
  through BIGINT;
  snap BYTEA;
  synced BYTEA;
BEGIN
  IF doc IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(doc);
  END IF;
  SELECT s.through_seq, s.state, s.sync_state INTO through, snap, synced
    FROM doc_snapshots s WHERE s.doc_name = doc_name_in;
  IF FOUND THEN
    is_snapshot := true;
    row_seq := through;
    row_data := snap;
    row_sync := synced;
    RETURN NEXT;
  END IF;
  IF doc IS NOT NULL THEN
    RETURN QUERY
      SELECT false, l.seq, l.data, NULL::BYTEA FROM doc_log l
      WHERE l.doc_id = doc AND l.seq > coalesce(through, 0) ORDER BY l.seq;
  END IF;
END $$;

DROP FUNCTION doc_log_compact(TEXT, BIGINT, BYTEA, BIGINT, BIGINT);
CREATE FUNCTION doc_log_compact(
  doc_name_in TEXT, doc BIGINT, new_state BYTEA, new_sync BYTEA, through BIGINT, now_ms BIGINT
)
RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
  IF doc IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(doc);
  END IF;
  INSERT INTO doc_snapshots AS s (doc_name, state, sync_state, through_seq, updated_at)
    VALUES (doc_name_in, new_state, new_sync, through, now_ms)
  ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, sync_state = excluded.sync_state,
    through_seq = excluded.through_seq, updated_at = excluded.updated_at
  WHERE s.through_seq <= excluded.through_seq;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  IF doc IS NULL THEN
    RETURN true;
  END IF;
  INSERT INTO doc_contributions AS c (doc_name, user_id, updates, bytes, first_at, last_at)
    SELECT doc_name_in, l.user_id, count(*), sum(octet_length(l.data)), min(l.created_at), max(l.created_at)
    FROM doc_log l WHERE l.doc_id = doc AND l.seq <= through GROUP BY l.user_id
  ON CONFLICT (doc_name, user_id) DO UPDATE SET
    updates = c.updates + excluded.updates,
    bytes = c.bytes + excluded.bytes,
    first_at = least(c.first_at, excluded.first_at),
    last_at = greatest(c.last_at, excluded.last_at);
  DELETE FROM doc_log l WHERE l.doc_id = doc AND l.seq <= through;
  RETURN true;
END $$;
