-- The snapshot as a sync sends it (issue #16): the same document with deleted text collected, as a
-- live copy encodes it for a client that has nothing. Written with `state` by every compaction, in
-- the same statement, or null: it always describes the snapshot beside it, never an older one.
-- The first socket of an unloaded document is answered with it before the document is built.
ALTER TABLE doc_snapshots ADD COLUMN sync_state BLOB;
