import type { Role, Sector } from "@shared/roles";
import type {
  NamedBallot,
  TallyVisibility,
  Vote,
  VoteEligibility,
  VoteKind,
  VoteOption,
  VoteResult,
  VoteRules,
  VoteSecrecy,
} from "@shared/votes";
import type { Db } from "./db";
import { toIso, toIsoOrNull } from "./ids";

/** A vote to write: the API's settings, with its opener and millisecond timestamps. */
export interface NewVote
  extends Pick<
      Vote,
      | "id"
      | "workspaceId"
      | "title"
      | "description"
      | "commitmentId"
      | "meetingId"
      | "eligibility"
      | "tallies"
    >,
    VoteRules {
  closesAt: number | null;
  openedBy: string;
  openedAt: number;
}

/** A vote as stored: the API's fields (without the live turnout) plus what the server needs. */
export interface VoteRecord extends Omit<Vote, "ballots" | "eligible">, VoteRules {
  closesAtMs: number | null;
  /** Frozen at close; null while open. */
  result: VoteResult | null;
}

export interface NewBallot {
  voteId: string;
  userId: string;
  sector: Sector;
  choices: string[];
  reason: string | null;
  now: number;
}

export interface StoredBallot extends NamedBallot {
  castAt: string;
  updatedAt: string;
}

/** Votes and ballots. Closed votes and their ballots are frozen by triggers (migration 003). */
export interface VoteStore {
  insert(vote: NewVote): VoteRecord;
  byId(workspaceId: string, id: string): VoteRecord | null;
  /** A workspace's votes, newest first, optionally only those of a meeting or a commitment. */
  list(workspaceId: string, filter: { meetingId?: string; commitmentId?: string }): VoteRecord[];
  /** Open votes whose deadline is at or before `now`. */
  dueToClose(workspaceId: string, now: number): VoteRecord[];
  /** Closes an open vote with its frozen result; false when it was already closed. */
  close(id: string, closedAt: number, closedBy: string | null, result: VoteResult): boolean;
  /** Casts or replaces the member's ballot; true when it is their first. */
  upsertBallot(ballot: NewBallot): boolean;
  ballot(voteId: string, userId: string): StoredBallot | null;
  /** Every ballot with its voter's name, by name. */
  ballots(voteId: string): StoredBallot[];
  countBallots(voteId: string): number;
  /** Members with one of `roles`, counted per sector. */
  membersBySector(workspaceId: string, roles: readonly Role[]): Partial<Record<Sector, number>>;
  /** Fixes a secret vote's electorate: the members with one of `roles` now, each with their sector now. */
  fixElectorate(voteId: string, workspaceId: string, roles: readonly Role[]): void;
  /** The sector a member votes in under a fixed electorate, or null when they are not in it. */
  electorSector(voteId: string, userId: string): Sector | null;
  /** A fixed electorate counted per sector. */
  electorateBySector(voteId: string): Partial<Record<Sector, number>>;
}

interface VoteRow {
  id: string;
  workspace_id: string;
  title: string;
  description: string;
  kind: VoteKind;
  options: string;
  max_choices: number | null;
  commitment_id: string | null;
  meeting_id: string | null;
  eligibility: VoteEligibility;
  secrecy: VoteSecrecy;
  tallies: TallyVisibility;
  quorum: number | null;
  closes_at: number | null;
  opened_by: string;
  opened_by_name: string;
  opened_at: number;
  closed_at: number | null;
  closed_by: string | null;
  result: string | null;
}

interface BallotRow {
  user_id: string;
  name: string;
  sector: Sector;
  choices: string;
  reason: string | null;
  cast_at: number;
  updated_at: number;
}

const toRecord = (row: VoteRow): VoteRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  title: row.title,
  description: row.description,
  kind: row.kind,
  options: JSON.parse(row.options) as VoteOption[],
  maxChoices: row.max_choices,
  commitmentId: row.commitment_id,
  meetingId: row.meeting_id,
  eligibility: row.eligibility,
  secrecy: row.secrecy,
  tallies: row.tallies,
  quorum: row.quorum,
  closesAt: toIsoOrNull(row.closes_at),
  closesAtMs: row.closes_at,
  openedBy: { userId: row.opened_by, name: row.opened_by_name },
  openedAt: toIso(row.opened_at),
  status: row.closed_at === null ? "open" : "closed",
  closedAt: toIsoOrNull(row.closed_at),
  closedBy: row.closed_by,
  result: row.result === null ? null : (JSON.parse(row.result) as VoteResult),
});

const toBallot = (row: BallotRow): StoredBallot => ({
  userId: row.user_id,
  name: row.name,
  sector: row.sector,
  choices: JSON.parse(row.choices) as string[],
  reason: row.reason,
  castAt: toIso(row.cast_at),
  updatedAt: toIso(row.updated_at),
});

const SELECT_VOTE = "SELECT v.*, u.name AS opened_by_name FROM votes v JOIN users u ON u.id = v.opened_by";
const SELECT_BALLOT =
  "SELECT b.user_id, u.name, b.sector, b.choices, b.reason, b.cast_at, b.updated_at FROM ballots b JOIN users u ON u.id = b.user_id";

export function createVoteStore(db: Db): VoteStore {
  const insert = db.prepare(
    `INSERT INTO votes (id, workspace_id, title, description, kind, options, max_choices, commitment_id,
       meeting_id, eligibility, secrecy, tallies, quorum, closes_at, opened_by, opened_at)
     VALUES (@id, @workspaceId, @title, @description, @kind, @options, @maxChoices, @commitmentId,
       @meetingId, @eligibility, @secrecy, @tallies, @quorum, @closesAt, @openedBy, @openedAt)`,
  );
  const byId = db.prepare<[string, string], VoteRow>(`${SELECT_VOTE} WHERE v.workspace_id = ? AND v.id = ?`);
  const list = db.prepare<
    { workspaceId: string; meetingId: string | null; commitmentId: string | null },
    VoteRow
  >(
    `${SELECT_VOTE} WHERE v.workspace_id = @workspaceId
       AND (@meetingId IS NULL OR v.meeting_id = @meetingId)
       AND (@commitmentId IS NULL OR v.commitment_id = @commitmentId)
     ORDER BY v.opened_at DESC, v.id`,
  );
  const dueToClose = db.prepare<[string, number], VoteRow>(
    `${SELECT_VOTE} WHERE v.workspace_id = ? AND v.closed_at IS NULL AND v.closes_at <= ?`,
  );
  const close = db.prepare(
    "UPDATE votes SET closed_at = ?, closed_by = ?, result = ? WHERE id = ? AND closed_at IS NULL",
  );
  const ballotExists = db.prepare<[string, string], number>(
    "SELECT 1 FROM ballots WHERE vote_id = ? AND user_id = ?",
  );
  const upsertBallot = db.prepare(
    `INSERT INTO ballots (vote_id, user_id, sector, choices, reason, cast_at, updated_at)
     VALUES (@voteId, @userId, @sector, @choices, @reason, @now, @now)
     ON CONFLICT (vote_id, user_id) DO UPDATE SET
       sector = excluded.sector, choices = excluded.choices, reason = excluded.reason, updated_at = excluded.updated_at`,
  );
  const ballot = db.prepare<[string, string], BallotRow>(
    `${SELECT_BALLOT} WHERE b.vote_id = ? AND b.user_id = ?`,
  );
  const ballots = db.prepare<[string], BallotRow>(
    `${SELECT_BALLOT} WHERE b.vote_id = ? ORDER BY u.name, b.user_id`,
  );
  const countBallots = db.prepare<[string], number>("SELECT count(*) FROM ballots WHERE vote_id = ?").pluck();
  const membersBySector = db.prepare<[string, string], { sector: Sector; n: number }>(
    `SELECT sector, count(*) AS n FROM memberships
     WHERE workspace_id = ? AND role IN (SELECT value FROM json_each(?)) GROUP BY sector`,
  );

  const fixElectorate = db.prepare<[string, string, string]>(
    `INSERT INTO vote_electorate (vote_id, user_id, sector)
     SELECT ?, user_id, sector FROM memberships
     WHERE workspace_id = ? AND role IN (SELECT value FROM json_each(?))`,
  );
  const electorSector = db
    .prepare<[string, string], Sector>("SELECT sector FROM vote_electorate WHERE vote_id = ? AND user_id = ?")
    .pluck();
  const electorateBySector = db.prepare<[string], { sector: Sector; n: number }>(
    "SELECT sector, count(*) AS n FROM vote_electorate WHERE vote_id = ? GROUP BY sector",
  );
  const bySector = (rows: { sector: Sector; n: number }[]): Partial<Record<Sector, number>> =>
    Object.fromEntries(rows.map((row) => [row.sector, row.n]));

  return {
    insert(vote) {
      insert.run({ ...vote, options: JSON.stringify(vote.options) });
      const row = byId.get(vote.workspaceId, vote.id);
      if (!row) throw new Error(`vote ${vote.id} not found right after writing it`);
      return toRecord(row);
    },
    byId(workspaceId, id) {
      const row = byId.get(workspaceId, id);
      return row ? toRecord(row) : null;
    },
    list: (workspaceId, filter) =>
      list
        .all({ workspaceId, meetingId: filter.meetingId ?? null, commitmentId: filter.commitmentId ?? null })
        .map(toRecord),
    dueToClose: (workspaceId, now) => dueToClose.all(workspaceId, now).map(toRecord),
    close: (id, closedAt, closedBy, result) =>
      close.run(closedAt, closedBy, JSON.stringify(result), id).changes === 1,
    upsertBallot(newBallot) {
      const first = ballotExists.get(newBallot.voteId, newBallot.userId) === undefined;
      upsertBallot.run({ ...newBallot, choices: JSON.stringify(newBallot.choices) });
      return first;
    },
    ballot(voteId, userId) {
      const row = ballot.get(voteId, userId);
      return row ? toBallot(row) : null;
    },
    ballots: (voteId) => ballots.all(voteId).map(toBallot),
    countBallots: (voteId) => countBallots.get(voteId) ?? 0,
    membersBySector: (workspaceId, roles) =>
      bySector(membersBySector.all(workspaceId, JSON.stringify(roles))),
    fixElectorate(voteId, workspaceId, roles) {
      fixElectorate.run(voteId, workspaceId, JSON.stringify(roles));
    },
    electorSector: (voteId, userId) => electorSector.get(voteId, userId) ?? null,
    electorateBySector: (voteId) => bySector(electorateBySector.all(voteId)),
  };
}
