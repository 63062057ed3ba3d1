-- A document's log in one round trip per operation, and appends that no longer take turns
-- (issue #16). Each function is called as one statement outside any transaction: its own implicit
-- transaction, READ COMMITTED, so each statement inside sees what committed before it began, and
-- the transaction-scoped advisory locks it takes are held through its COMMIT.
--
-- The invariant (documentsPostgres.ts): a read that reports a position (doc_log_read) and a
-- compaction (doc_log_compact) hold the document's lock exclusively; appends hold it shared, and
-- draw their seqs only once they hold it. So while the exclusive lock is held no append of the
-- document is under way: every row that has a seq drawn is committed, and every row appended later
-- gets a higher seq. A read under the lock thus holds every row with seq <= its last seq that will
-- ever exist, and a compaction through that seq deletes only rows that read folded. Appends to one
-- document, from several instances, commit side by side (PostgreSQL flushes their commits together),
-- but not in seq order: nothing may read "rows with seq > the last one seen" without the lock.

-- Appends each update (`doc_ids`, `user_ids`, `updates` side by side, in order) and binds client
-- ids (`bind_*`; the first binding of an id wins); returns the seqs, drawn in the order given.
CREATE FUNCTION doc_log_append(
  doc_ids BIGINT[], user_ids TEXT[], updates BYTEA[], now_ms BIGINT,
  bind_docs TEXT[], bind_clients BIGINT[], bind_users TEXT[]
) RETURNS SETOF BIGINT LANGUAGE plpgsql AS $$
DECLARE
  doc BIGINT;
BEGIN
  -- In id order, as every other taker of these locks: an exclusive waiter between two appends
  -- can then never close a cycle.
  FOR doc IN SELECT DISTINCT d FROM unnest(doc_ids) AS d ORDER BY d LOOP
    PERFORM pg_advisory_xact_lock_shared(doc);
  END LOOP;
  -- Identities are drawn in the order of the arrays (the INSERT's defaults are computed above the sort).
  RETURN QUERY
    WITH added AS (
      INSERT INTO doc_log (doc_id, user_id, data, created_at)
      SELECT u.doc_id, u.user_id, u.data, now_ms
      FROM unnest(doc_ids, user_ids, updates) WITH ORDINALITY AS u(doc_id, user_id, data, n)
      ORDER BY u.n
      RETURNING doc_log.seq
    )
    SELECT added.seq FROM added;
  INSERT INTO doc_clients (doc_name, client_id, user_id, bound_at)
    SELECT b.doc_name, b.client_id, b.user_id, now_ms
    FROM unnest(bind_docs, bind_clients, bind_users) WITH ORDINALITY AS b(doc_name, client_id, user_id, n)
    ORDER BY b.n
  ON CONFLICT (doc_name, client_id) DO NOTHING;
END $$;

-- The document's snapshot (is_snapshot, its through_seq, its state) if it has one, then its log rows after it in
-- seq order, read under the exclusive lock: no row below the last one returned can commit later.
-- `doc` is null for a name never appended to (no lock to take: it has no rows).
CREATE FUNCTION doc_log_read(doc_name_in TEXT, doc BIGINT)
RETURNS TABLE (is_snapshot BOOLEAN, row_seq BIGINT, row_data BYTEA) LANGUAGE plpgsql AS $$
DECLARE
  through BIGINT;
  snap BYTEA;
BEGIN
  IF doc IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(doc);
  END IF;
  SELECT s.through_seq, s.state INTO through, snap FROM doc_snapshots s WHERE s.doc_name = doc_name_in;
  IF FOUND THEN
    is_snapshot := true;
    row_seq := through;
    row_data := snap;
    RETURN NEXT;
  END IF;
  IF doc IS NOT NULL THEN
    RETURN QUERY
      SELECT false, l.seq, l.data FROM doc_log l
      WHERE l.doc_id = doc AND l.seq > coalesce(through, 0) ORDER BY l.seq;
  END IF;
END $$;

-- Under the exclusive lock: stores `new_state` as the snapshot through `through`, adds the log rows
-- up to it to the contributions and deletes them. A compaction through a lower seq than the stored
-- snapshot's (one that read before another compaction committed) changes nothing and answers false:
-- its state lacks rows the other one deleted.
CREATE FUNCTION doc_log_compact(doc_name_in TEXT, doc BIGINT, new_state BYTEA, through BIGINT, now_ms BIGINT)
RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
  IF doc IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(doc);
  END IF;
  INSERT INTO doc_snapshots AS s (doc_name, state, through_seq, updated_at)
    VALUES (doc_name_in, new_state, through, now_ms)
  ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
    updated_at = excluded.updated_at
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
