-- The electorate of a secret vote, fixed when it opens: who may vote and the sector each ballot is
-- counted in. Members invited afterwards do not vote in it, and a sector change after the opening
-- does not move anyone's ballot to another row, so nobody can arrange a row around one voter once
-- the vote is open. Triggers keep the list as it was written. Open (non-secret) votes have none:
-- their electorate is the eligible members of the moment.

CREATE TABLE vote_electorate (
  vote_id TEXT NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id),
  sector TEXT NOT NULL CHECK (sector IN ('government', 'civil_society', 'academia', 'private_sector', 'citizen')),
  PRIMARY KEY (vote_id, user_id)
) WITHOUT ROWID;

-- Secret votes already open when this migration runs: their electorate is who holds a ballot (in
-- the sector it was cast in) and the other eligible members as they are now. Written before the
-- trigger above exists, which would refuse it once ballots are in.
INSERT OR IGNORE INTO vote_electorate (vote_id, user_id, sector)
  SELECT b.vote_id, b.user_id, b.sector FROM ballots b JOIN votes v ON v.id = b.vote_id
  WHERE v.secrecy = 'secret' AND v.closed_at IS NULL;
INSERT OR IGNORE INTO vote_electorate (vote_id, user_id, sector)
  SELECT v.id, m.user_id, m.sector FROM votes v JOIN memberships m ON m.workspace_id = v.workspace_id
  WHERE v.secrecy = 'secret' AND v.closed_at IS NULL
    AND (m.role IN ('drafter', 'facilitator') OR (v.eligibility = 'commenter' AND m.role = 'commenter'));

CREATE TRIGGER vote_electorate_fixed_update BEFORE UPDATE ON vote_electorate
BEGIN SELECT RAISE(ABORT, 'vote_electorate: the electorate of a vote is fixed when it opens'); END;

-- Written in the transaction that opens the vote: nobody joins once a ballot is in or it closed.
CREATE TRIGGER vote_electorate_fixed_insert BEFORE INSERT ON vote_electorate
WHEN EXISTS (SELECT 1 FROM ballots WHERE vote_id = NEW.vote_id)
  OR (SELECT closed_at FROM votes WHERE id = NEW.vote_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'vote_electorate: the electorate of a vote is fixed when it opens'); END;
