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
import { toIso, toIsoOrNull } from "./ids";
import { placeholders, type Sql } from "./sql";

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
  insert(vote: NewVote): Promise<VoteRecord>;
  byId(workspaceId: string, id: string): Promise<VoteRecord | null>;
  /** A workspace's votes, newest first, optionally only those of a meeting or a commitment. */
  list(workspaceId: string, filter: { meetingId?: string; commitmentId?: string }): Promise<VoteRecord[]>;
  /** Open votes whose deadline is at or before `now`. */
  dueToClose(workspaceId: string, now: number): Promise<VoteRecord[]>;
  /** Closes an open vote with its frozen result; false when it was already closed. */
  close(id: string, closedAt: number, closedBy: string | null, result: VoteResult): Promise<boolean>;
  /** Casts or replaces the member's ballot; true when it is their first. */
  upsertBallot(ballot: NewBallot): Promise<boolean>;
  ballot(voteId: string, userId: string): Promise<StoredBallot | null>;
  /** Every ballot with its voter's name, by name. */
  ballots(voteId: string): Promise<StoredBallot[]>;
  countBallots(voteId: string): Promise<number>;
  /** Members with one of `roles`, counted per sector. */
  membersBySector(workspaceId: string, roles: readonly Role[]): Promise<Partial<Record<Sector, number>>>;
  /** Fixes a secret vote's electorate: the members with one of `roles` now, each with their sector now. */
  fixElectorate(voteId: string, workspaceId: string, roles: readonly Role[]): Promise<void>;
  /** The sector a member votes in under a fixed electorate, or null when they are not in it. */
  electorSector(voteId: string, userId: string): Promise<Sector | null>;
  /** A fixed electorate counted per sector. */
  electorateBySector(voteId: string): Promise<Partial<Record<Sector, number>>>;
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

export function createVoteStore(sql: Sql): VoteStore {
  const byId = async (workspaceId: string, id: string): Promise<VoteRecord | null> => {
    const row = await sql.get<VoteRow>(`${SELECT_VOTE} WHERE v.workspace_id = ? AND v.id = ?`, [
      workspaceId,
      id,
    ]);
    return row ? toRecord(row) : null;
  };
  const bySector = (rows: { sector: Sector; n: number }[]): Partial<Record<Sector, number>> =>
    Object.fromEntries(rows.map((row) => [row.sector, row.n]));

  return {
    async insert(v) {
      await sql.run(
        `INSERT INTO votes (id, workspace_id, title, description, kind, options, max_choices, commitment_id,
           meeting_id, eligibility, secrecy, tallies, quorum, closes_at, opened_by, opened_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          v.id,
          v.workspaceId,
          v.title,
          v.description,
          v.kind,
          JSON.stringify(v.options),
          v.maxChoices,
          v.commitmentId,
          v.meetingId,
          v.eligibility,
          v.secrecy,
          v.tallies,
          v.quorum,
          v.closesAt,
          v.openedBy,
          v.openedAt,
        ],
      );
      const record = await byId(v.workspaceId, v.id);
      if (!record) throw new Error(`vote ${v.id} not found right after writing it`);
      return record;
    },
    byId,
    async list(workspaceId, filter) {
      const meetingId = filter.meetingId ?? null;
      const commitmentId = filter.commitmentId ?? null;
      const rows = await sql.all<VoteRow>(
        `${SELECT_VOTE} WHERE v.workspace_id = ?
           AND (CAST(? AS TEXT) IS NULL OR v.meeting_id = ?)
           AND (CAST(? AS TEXT) IS NULL OR v.commitment_id = ?)
         ORDER BY v.opened_at DESC, v.id`,
        [workspaceId, meetingId, meetingId, commitmentId, commitmentId],
      );
      return rows.map(toRecord);
    },
    dueToClose: async (workspaceId, now) =>
      (
        await sql.all<VoteRow>(
          `${SELECT_VOTE} WHERE v.workspace_id = ? AND v.closed_at IS NULL AND v.closes_at <= ?`,
          [workspaceId, now],
        )
      ).map(toRecord),
    close: async (id, closedAt, closedBy, result) =>
      (
        await sql.run(
          "UPDATE votes SET closed_at = ?, closed_by = ?, result = ? WHERE id = ? AND closed_at IS NULL",
          [closedAt, closedBy, JSON.stringify(result), id],
        )
      ).changes === 1,
    async upsertBallot(b) {
      const first =
        (await sql.get("SELECT 1 FROM ballots WHERE vote_id = ? AND user_id = ?", [b.voteId, b.userId])) ===
        undefined;
      await sql.run(
        `INSERT INTO ballots (vote_id, user_id, sector, choices, reason, cast_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (vote_id, user_id) DO UPDATE SET sector = excluded.sector, choices = excluded.choices,
           reason = excluded.reason, updated_at = excluded.updated_at`,
        [b.voteId, b.userId, b.sector, JSON.stringify(b.choices), b.reason, b.now, b.now],
      );
      return first;
    },
    async ballot(voteId, userId) {
      const row = await sql.get<BallotRow>(`${SELECT_BALLOT} WHERE b.vote_id = ? AND b.user_id = ?`, [
        voteId,
        userId,
      ]);
      return row ? toBallot(row) : null;
    },
    ballots: async (voteId) =>
      (
        await sql.all<BallotRow>(`${SELECT_BALLOT} WHERE b.vote_id = ? ORDER BY u.name, b.user_id`, [voteId])
      ).map(toBallot),
    async countBallots(voteId) {
      const row = await sql.get<{ n: number }>("SELECT count(*) AS n FROM ballots WHERE vote_id = ?", [
        voteId,
      ]);
      return row?.n ?? 0;
    },
    membersBySector: async (workspaceId, roles) =>
      bySector(
        await sql.all(
          `SELECT sector, count(*) AS n FROM memberships
           WHERE workspace_id = ? AND role IN ${placeholders(roles)} GROUP BY sector`,
          [workspaceId, ...roles],
        ),
      ),
    async fixElectorate(voteId, workspaceId, roles) {
      await sql.run(
        `INSERT INTO vote_electorate (vote_id, user_id, sector)
         SELECT ?, user_id, sector FROM memberships WHERE workspace_id = ? AND role IN ${placeholders(roles)}`,
        [voteId, workspaceId, ...roles],
      );
    },
    async electorSector(voteId, userId) {
      const row = await sql.get<{ sector: Sector }>(
        "SELECT sector FROM vote_electorate WHERE vote_id = ? AND user_id = ?",
        [voteId, userId],
      );
      return row?.sector ?? null;
    },
    electorateBySector: async (voteId) =>
      bySector(
        await sql.all("SELECT sector, count(*) AS n FROM vote_electorate WHERE vote_id = ? GROUP BY sector", [
          voteId,
        ]),
      ),
  };
}
