import type { ProposalStatus, SelfCheckProblem, Signature } from "@shared/freeze";
import type { Role, Sector } from "@shared/roles";
import { toIso, toIsoOrNull } from "./ids";
import type { Sql } from "./sql";

/** A proposal as stored. */
export interface ProposalRecord {
  id: string;
  workspaceId: string;
  proposedBy: { userId: string; name: string };
  proposedAt: string;
  snapshot: Uint8Array;
  content: string;
  hash: string;
  warnings: SelfCheckProblem[];
  status: ProposalStatus;
  closedAt: string | null;
  withdrawReason: string | null;
}

export interface NewProposal {
  id: string;
  workspaceId: string;
  proposedBy: string;
  proposedAt: number;
  snapshot: Uint8Array;
  content: string;
  hash: string;
  warnings: SelfCheckProblem[];
}

export interface NewSignature {
  proposalId: string;
  userId: string;
  decision: "signed" | "declined";
  hash: string;
  name: string;
  organization: string | null;
  sector: Sector;
  role: Extract<Role, "facilitator" | "drafter">;
  reason: string | null;
  at: number;
}

/** An official version as stored; its content and hash are checked before anyone is shown them. */
export interface VersionRecord {
  workspaceId: string;
  number: number;
  proposalId: string;
  schema: string;
  snapshot: Uint8Array;
  content: string;
  hash: string;
  proposedAt: string;
  officialAt: string;
}

/** An official version without its content and snapshot: enough to list it. */
export type VersionHead = Omit<VersionRecord, "snapshot" | "content">;

/** A version's seal (migration 030); all null while a version older than seals awaits its seal. */
export interface SealRecord {
  keyFingerprint: string | null;
  signature: string | null;
  sealedAt: string | null;
}

/** Proposals, signatures and official versions (migration 004 keeps them unchangeable). */
export interface VersionStore {
  insertProposal(proposal: NewProposal): Promise<ProposalRecord>;
  proposal(workspaceId: string, id: string): Promise<ProposalRecord | null>;
  openProposal(workspaceId: string): Promise<ProposalRecord | null>;
  /** Closes an open proposal; false when it was no longer open. */
  closeProposal(
    id: string,
    status: "withdrawn" | "official",
    at: number,
    by: string,
    reason: string | null,
  ): Promise<boolean>;
  insertSignature(signature: NewSignature): Promise<void>;
  /** A proposal's signatures and declines, in the order they came. */
  signatures(proposalId: string): Promise<Signature[]>;
  /** Makes the proposal official as the workspace's next version number; returns it. */
  publish(workspaceId: string, proposalId: string, schema: string, at: number): Promise<number>;
  versions(workspaceId: string): Promise<VersionRecord[]>;
  /** The workspace's official versions without their content, oldest first. */
  heads(workspaceId: string): Promise<VersionHead[]>;
  version(workspaceId: string, number: number): Promise<VersionRecord | null>;
  /** The version a proposal became, or null. */
  versionOfProposal(proposalId: string): Promise<number | null>;
  /** A version's seal, or null when it has none (not even a pending one). */
  seal(workspaceId: string, number: number): Promise<SealRecord | null>;
  /** Seals a version: a new row, or the completion of a pending one (never a change of a seal). */
  writeSeal(
    workspaceId: string,
    number: number,
    keyFingerprint: string,
    signature: string,
    at: number,
  ): Promise<void>;
  /**
   * A number that changes whenever the database's schema (and so its triggers) changes. Stored
   * versions, signatures and seals cannot change while the triggers stand, so a check of a
   * version stays valid as long as this number does.
   */
  guardEpoch(): Promise<number>;
  /** A workspace's id by its public slug. */
  workspaceIdBySlug(slug: string): Promise<string | null>;
}

interface ProposalRow {
  id: string;
  workspace_id: string;
  proposed_by: string;
  proposed_by_name: string;
  proposed_at: number;
  snapshot: Buffer;
  content: string;
  hash: string;
  warnings: string;
  status: ProposalStatus;
  closed_at: number | null;
  withdraw_reason: string | null;
}

interface SealRow {
  key_fingerprint: string | null;
  signature: string | null;
  sealed_at: number | null;
}

interface SignatureRow {
  user_id: string;
  decision: "signed" | "declined";
  hash: string;
  name: string;
  organization: string | null;
  sector: Sector;
  role: Role;
  reason: string | null;
  created_at: number;
}

interface VersionRow {
  workspace_id: string;
  number: number;
  proposal_id: string;
  schema: string;
  snapshot: Buffer;
  content: string;
  hash: string;
  proposed_at: number;
  official_at: number;
}

const toProposal = (row: ProposalRow): ProposalRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  proposedBy: { userId: row.proposed_by, name: row.proposed_by_name },
  proposedAt: toIso(row.proposed_at),
  snapshot: new Uint8Array(row.snapshot),
  content: row.content,
  hash: row.hash,
  warnings: JSON.parse(row.warnings) as SelfCheckProblem[],
  status: row.status,
  closedAt: toIsoOrNull(row.closed_at),
  withdrawReason: row.withdraw_reason,
});

const toSignature = (row: SignatureRow): Signature => ({
  userId: row.user_id,
  name: row.name,
  organization: row.organization,
  sector: row.sector,
  role: row.role,
  decision: row.decision,
  hash: row.hash,
  reason: row.reason,
  at: toIso(row.created_at),
});

const toVersion = (row: VersionRow): VersionRecord => ({
  workspaceId: row.workspace_id,
  number: row.number,
  proposalId: row.proposal_id,
  schema: row.schema,
  snapshot: new Uint8Array(row.snapshot),
  content: row.content,
  hash: row.hash,
  proposedAt: toIso(row.proposed_at),
  officialAt: toIso(row.official_at),
});

const toHead = (row: Omit<VersionRow, "snapshot" | "content">): VersionHead => ({
  workspaceId: row.workspace_id,
  number: row.number,
  proposalId: row.proposal_id,
  schema: row.schema,
  hash: row.hash,
  proposedAt: toIso(row.proposed_at),
  officialAt: toIso(row.official_at),
});

const SELECT_PROPOSAL =
  "SELECT p.*, u.name AS proposed_by_name FROM freeze_proposals p JOIN users u ON u.id = p.proposed_by";
const SELECT_VERSION =
  "SELECT v.*, p.proposed_at FROM plan_versions v JOIN freeze_proposals p ON p.id = v.proposal_id";

export function createVersionStore(sql: Sql): VersionStore {
  const proposal = async (workspaceId: string, id: string): Promise<ProposalRecord | null> => {
    const row = await sql.get<ProposalRow>(`${SELECT_PROPOSAL} WHERE p.workspace_id = ? AND p.id = ?`, [
      workspaceId,
      id,
    ]);
    return row ? toProposal(row) : null;
  };

  return {
    async insertProposal(p) {
      await sql.run(
        `INSERT INTO freeze_proposals (id, workspace_id, proposed_by, proposed_at, snapshot, content, hash, warnings)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          p.id,
          p.workspaceId,
          p.proposedBy,
          p.proposedAt,
          p.snapshot,
          p.content,
          p.hash,
          JSON.stringify(p.warnings),
        ],
      );
      const record = await proposal(p.workspaceId, p.id);
      if (!record) throw new Error(`proposal ${p.id} not found right after writing it`);
      return record;
    },
    proposal,
    async openProposal(workspaceId) {
      const row = await sql.get<ProposalRow>(
        `${SELECT_PROPOSAL} WHERE p.workspace_id = ? AND p.status = 'open'`,
        [workspaceId],
      );
      return row ? toProposal(row) : null;
    },
    closeProposal: async (id, status, at, by, reason) =>
      (
        await sql.run(
          `UPDATE freeze_proposals SET status = ?, closed_at = ?, closed_by = ?, withdraw_reason = ?
           WHERE id = ? AND status = 'open'`,
          [status, at, by, reason, id],
        )
      ).changes === 1,
    async insertSignature(s) {
      await sql.run(
        `INSERT INTO signatures (proposal_id, user_id, decision, hash, name, organization, sector, role, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          s.proposalId,
          s.userId,
          s.decision,
          s.hash,
          s.name,
          s.organization,
          s.sector,
          s.role,
          s.reason,
          s.at,
        ],
      );
    },
    // rowid: SQLite's insertion order; the PostgreSQL schema has an identity column of that name.
    signatures: async (proposalId) =>
      (
        await sql.all<SignatureRow>(
          "SELECT * FROM signatures WHERE proposal_id = ? ORDER BY created_at, rowid",
          [proposalId],
        )
      ).map(toSignature),
    async publish(workspaceId, proposalId, schema, at) {
      const next = await sql.get<{ n: number }>(
        "SELECT coalesce(max(number), 0) + 1 AS n FROM plan_versions WHERE workspace_id = ?",
        [workspaceId],
      );
      const number = next?.n ?? 1;
      const { changes } = await sql.run(
        `INSERT INTO plan_versions (workspace_id, number, proposal_id, schema, snapshot, content, hash, official_at)
         SELECT workspace_id, ?, id, ?, snapshot, content, hash, ? FROM freeze_proposals
         WHERE id = ? AND workspace_id = ?`,
        [number, schema, at, proposalId, workspaceId],
      );
      if (changes !== 1) throw new Error(`proposal ${proposalId} could not be published`);
      return number;
    },
    versions: async (workspaceId) =>
      (
        await sql.all<VersionRow>(`${SELECT_VERSION} WHERE v.workspace_id = ? ORDER BY v.number`, [
          workspaceId,
        ])
      ).map(toVersion),
    async version(workspaceId, number) {
      const row = await sql.get<VersionRow>(`${SELECT_VERSION} WHERE v.workspace_id = ? AND v.number = ?`, [
        workspaceId,
        number,
      ]);
      return row ? toVersion(row) : null;
    },
    heads: async (workspaceId) =>
      (
        await sql.all<Omit<VersionRow, "snapshot" | "content">>(
          `SELECT v.workspace_id, v.number, v.proposal_id, v.schema, v.hash, v.official_at, p.proposed_at
           FROM plan_versions v JOIN freeze_proposals p ON p.id = v.proposal_id
           WHERE v.workspace_id = ? ORDER BY v.number`,
          [workspaceId],
        )
      ).map(toHead),
    async seal(workspaceId, number) {
      const row = await sql.get<SealRow>(
        "SELECT key_fingerprint, signature, sealed_at FROM version_seals WHERE workspace_id = ? AND number = ?",
        [workspaceId, number],
      );
      if (!row) return null;
      return {
        keyFingerprint: row.key_fingerprint,
        signature: row.signature,
        sealedAt: toIsoOrNull(row.sealed_at),
      };
    },
    async writeSeal(workspaceId, number, keyFingerprint, signature, at) {
      await sql.run(
        `INSERT INTO version_seals (workspace_id, number, key_fingerprint, signature, sealed_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, number) DO UPDATE SET key_fingerprint = excluded.key_fingerprint,
           signature = excluded.signature, sealed_at = excluded.sealed_at`,
        [workspaceId, number, keyFingerprint, signature, at],
      );
    },
    async guardEpoch() {
      // SQLite counts schema changes itself. In PostgreSQL, a digest of every trigger's row: one
      // created or dropped changes its oids, and one disabled, even if enabled again since, was
      // rewritten, which changes its row version (xmin): disabling, tampering and enabling again
      // must not leave a cached check standing.
      const row = await sql.get<{ epoch: number }>(
        sql.dialect === "sqlite"
          ? "PRAGMA schema_version"
          : `SELECT ('x' || substr(md5(coalesce(string_agg(oid::text || ':' || xmin::text || ':' || tgenabled::text, ',' ORDER BY oid), '')), 1, 12))::bit(48)::bigint AS epoch
             FROM pg_trigger`,
      );
      return row ? Number(Object.values(row)[0]) : 0;
    },
    async versionOfProposal(proposalId) {
      const row = await sql.get<{ number: number }>(
        "SELECT number FROM plan_versions WHERE proposal_id = ?",
        [proposalId],
      );
      return row?.number ?? null;
    },
    async workspaceIdBySlug(slug) {
      const row = await sql.get<{ id: string }>("SELECT id FROM workspaces WHERE slug = ?", [slug]);
      return row?.id ?? null;
    },
  };
}
