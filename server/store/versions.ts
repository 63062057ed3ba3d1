import type { ProposalStatus, SelfCheckProblem, Signature } from "@shared/freeze";
import type { Role, Sector } from "@shared/roles";
import type { Db } from "./db";
import { toIso, toIsoOrNull } from "./ids";

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
  insertProposal(proposal: NewProposal): ProposalRecord;
  proposal(workspaceId: string, id: string): ProposalRecord | null;
  openProposal(workspaceId: string): ProposalRecord | null;
  /** Closes an open proposal; false when it was no longer open. */
  closeProposal(
    id: string,
    status: "withdrawn" | "official",
    at: number,
    by: string,
    reason: string | null,
  ): boolean;
  insertSignature(signature: NewSignature): void;
  /** A proposal's signatures and declines, in the order they came. */
  signatures(proposalId: string): Signature[];
  /** Makes the proposal official as the workspace's next version number; returns it. */
  publish(workspaceId: string, proposalId: string, schema: string, at: number): number;
  versions(workspaceId: string): VersionRecord[];
  /** The workspace's official versions without their content, oldest first. */
  heads(workspaceId: string): VersionHead[];
  version(workspaceId: string, number: number): VersionRecord | null;
  /** The version a proposal became, or null. */
  versionOfProposal(proposalId: string): number | null;
  /** A version's seal, or null when it has none (not even a pending one). */
  seal(workspaceId: string, number: number): SealRecord | null;
  /** Seals a version: a new row, or the completion of a pending one (never a change of a seal). */
  writeSeal(workspaceId: string, number: number, keyFingerprint: string, signature: string, at: number): void;
  /**
   * A number that changes whenever the database's schema (and so its triggers) changes. Stored
   * versions, signatures and seals cannot change while the triggers stand, so a check of a
   * version stays valid as long as this number does.
   */
  guardEpoch(): number;
  /** A workspace's id by its public slug. */
  workspaceIdBySlug(slug: string): string | null;
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

export function createVersionStore(db: Db): VersionStore {
  const insertProposal = db.prepare(
    `INSERT INTO freeze_proposals (id, workspace_id, proposed_by, proposed_at, snapshot, content, hash, warnings)
     VALUES (@id, @workspaceId, @proposedBy, @proposedAt, @snapshot, @content, @hash, @warnings)`,
  );
  const proposal = db.prepare<[string, string], ProposalRow>(
    `${SELECT_PROPOSAL} WHERE p.workspace_id = ? AND p.id = ?`,
  );
  const openProposal = db.prepare<[string], ProposalRow>(
    `${SELECT_PROPOSAL} WHERE p.workspace_id = ? AND p.status = 'open'`,
  );
  const closeProposal = db.prepare(
    `UPDATE freeze_proposals SET status = ?, closed_at = ?, closed_by = ?, withdraw_reason = ?
     WHERE id = ? AND status = 'open'`,
  );
  const insertSignature = db.prepare(
    `INSERT INTO signatures (proposal_id, user_id, decision, hash, name, organization, sector, role, reason, created_at)
     VALUES (@proposalId, @userId, @decision, @hash, @name, @organization, @sector, @role, @reason, @at)`,
  );
  const signatures = db.prepare<[string], SignatureRow>(
    "SELECT * FROM signatures WHERE proposal_id = ? ORDER BY created_at, rowid",
  );
  const nextNumber = db
    .prepare<[string], number>(
      "SELECT coalesce(max(number), 0) + 1 FROM plan_versions WHERE workspace_id = ?",
    )
    .pluck();
  const publish = db.prepare(
    `INSERT INTO plan_versions (workspace_id, number, proposal_id, schema, snapshot, content, hash, official_at)
     SELECT workspace_id, @number, id, @schema, snapshot, content, hash, @at FROM freeze_proposals
     WHERE id = @proposalId AND workspace_id = @workspaceId`,
  );
  const versions = db.prepare<[string], VersionRow>(
    `${SELECT_VERSION} WHERE v.workspace_id = ? ORDER BY v.number`,
  );
  const version = db.prepare<[string, number], VersionRow>(
    `${SELECT_VERSION} WHERE v.workspace_id = ? AND v.number = ?`,
  );
  const heads = db.prepare<[string], Omit<VersionRow, "snapshot" | "content">>(
    `SELECT v.workspace_id, v.number, v.proposal_id, v.schema, v.hash, v.official_at, p.proposed_at
     FROM plan_versions v JOIN freeze_proposals p ON p.id = v.proposal_id
     WHERE v.workspace_id = ? ORDER BY v.number`,
  );
  const seal = db.prepare<[string, number], SealRow>(
    "SELECT key_fingerprint, signature, sealed_at FROM version_seals WHERE workspace_id = ? AND number = ?",
  );
  const writeSeal = db.prepare(
    `INSERT INTO version_seals (workspace_id, number, key_fingerprint, signature, sealed_at)
     VALUES (@workspaceId, @number, @keyFingerprint, @signature, @at)
     ON CONFLICT (workspace_id, number) DO UPDATE SET key_fingerprint = excluded.key_fingerprint,
       signature = excluded.signature, sealed_at = excluded.sealed_at`,
  );
  const versionOfProposal = db
    .prepare<[string], number>("SELECT number FROM plan_versions WHERE proposal_id = ?")
    .pluck();
  const bySlug = db.prepare<[string], string>("SELECT id FROM workspaces WHERE slug = ?").pluck();

  return {
    insertProposal(p) {
      insertProposal.run({
        ...p,
        snapshot: Buffer.from(p.snapshot),
        warnings: JSON.stringify(p.warnings),
      });
      const row = proposal.get(p.workspaceId, p.id);
      if (!row) throw new Error(`proposal ${p.id} not found right after writing it`);
      return toProposal(row);
    },
    proposal(workspaceId, id) {
      const row = proposal.get(workspaceId, id);
      return row ? toProposal(row) : null;
    },
    openProposal(workspaceId) {
      const row = openProposal.get(workspaceId);
      return row ? toProposal(row) : null;
    },
    closeProposal: (id, status, at, by, reason) =>
      closeProposal.run(status, at, by, reason, id).changes === 1,
    insertSignature(signature) {
      insertSignature.run(signature);
    },
    signatures: (proposalId) => signatures.all(proposalId).map(toSignature),
    publish(workspaceId, proposalId, schema, at) {
      const number = nextNumber.get(workspaceId) ?? 1;
      const inserted = publish.run({ workspaceId, proposalId, number, schema, at }).changes;
      if (inserted !== 1) throw new Error(`proposal ${proposalId} could not be published`);
      return number;
    },
    versions: (workspaceId) => versions.all(workspaceId).map(toVersion),
    version(workspaceId, number) {
      const row = version.get(workspaceId, number);
      return row ? toVersion(row) : null;
    },
    heads: (workspaceId) => heads.all(workspaceId).map(toHead),
    seal(workspaceId, number) {
      const row = seal.get(workspaceId, number);
      if (!row) return null;
      return {
        keyFingerprint: row.key_fingerprint,
        signature: row.signature,
        sealedAt: toIsoOrNull(row.sealed_at),
      };
    },
    writeSeal(workspaceId, number, keyFingerprint, signature, at) {
      writeSeal.run({ workspaceId, number, keyFingerprint, signature, at });
    },
    guardEpoch: () => db.pragma("schema_version", { simple: true }) as number,
    versionOfProposal: (proposalId) => versionOfProposal.get(proposalId) ?? null,
    workspaceIdBySlug: (slug) => bySlug.get(slug) ?? null,
  };
}
