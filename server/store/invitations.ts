import type { Invitation } from "@shared/api";
import type { Role, Sector } from "@shared/roles";
import { toIso, toIsoOrNull } from "./ids";
import type { Sql } from "./sql";

export interface NewInvitation {
  id: string;
  tokenHash: string;
  workspaceId: string;
  role: Role;
  sector: Sector;
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
  maxUses: number | null;
}

/** An invitation as stored, with the fields the API never shows. */
export interface InvitationRecord extends Invitation {
  workspaceId: string;
  /** Times in milliseconds, for comparisons. */
  expiresAtMs: number | null;
  revokedAtMs: number | null;
}

/** Invitation links. Only a hash of each token is stored. */
export interface InvitationStore {
  insert(invitation: NewInvitation): Promise<InvitationRecord>;
  byTokenHash(tokenHash: string): Promise<InvitationRecord | null>;
  byId(workspaceId: string, id: string): Promise<InvitationRecord | null>;
  /** A workspace's invitations, newest first. */
  list(workspaceId: string): Promise<InvitationRecord[]>;
  /** Marks it revoked; false when it already was. */
  revoke(id: string, now: number): Promise<boolean>;
  /**
   * Counts one use if the invitation is still usable at `now`, in one conditional UPDATE, so two
   * people accepting the last use at once cannot both get in (even across processes).
   */
  consumeUse(id: string, now: number): Promise<boolean>;
}

interface InvitationRow {
  id: string;
  workspace_id: string;
  role: Role;
  sector: Sector;
  created_at: number;
  expires_at: number | null;
  max_uses: number | null;
  uses: number;
  revoked_at: number | null;
}

const COLUMNS = "id, workspace_id, role, sector, created_at, expires_at, max_uses, uses, revoked_at";

const toRecord = (row: InvitationRow): InvitationRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  role: row.role,
  sector: row.sector,
  expiresAt: toIsoOrNull(row.expires_at),
  maxUses: row.max_uses,
  uses: row.uses,
  revokedAt: toIsoOrNull(row.revoked_at),
  createdAt: toIso(row.created_at),
  expiresAtMs: row.expires_at,
  revokedAtMs: row.revoked_at,
});

/** The public fields of an invitation, as the API answers. */
export const toInvitation = (record: InvitationRecord): Invitation => ({
  id: record.id,
  role: record.role,
  sector: record.sector,
  expiresAt: record.expiresAt,
  maxUses: record.maxUses,
  uses: record.uses,
  revokedAt: record.revokedAt,
  createdAt: record.createdAt,
});

export function createInvitationStore(sql: Sql): InvitationStore {
  const byId = async (workspaceId: string, id: string): Promise<InvitationRecord | null> => {
    const row = await sql.get<InvitationRow>(
      `SELECT ${COLUMNS} FROM invitations WHERE workspace_id = ? AND id = ?`,
      [workspaceId, id],
    );
    return row ? toRecord(row) : null;
  };

  return {
    async insert(i) {
      await sql.run(
        `INSERT INTO invitations (id, token_hash, workspace_id, role, sector, created_by, created_at, expires_at, max_uses)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          i.id,
          i.tokenHash,
          i.workspaceId,
          i.role,
          i.sector,
          i.createdBy,
          i.createdAt,
          i.expiresAt,
          i.maxUses,
        ],
      );
      const record = await byId(i.workspaceId, i.id);
      if (!record) throw new Error(`invitation ${i.id} not found right after writing it`);
      return record;
    },
    async byTokenHash(tokenHash) {
      const row = await sql.get<InvitationRow>(`SELECT ${COLUMNS} FROM invitations WHERE token_hash = ?`, [
        tokenHash,
      ]);
      return row ? toRecord(row) : null;
    },
    byId,
    list: async (workspaceId) =>
      (
        await sql.all<InvitationRow>(
          `SELECT ${COLUMNS} FROM invitations WHERE workspace_id = ? ORDER BY created_at DESC, id`,
          [workspaceId],
        )
      ).map(toRecord),
    revoke: async (id, now) =>
      (await sql.run("UPDATE invitations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [now, id]))
        .changes === 1,
    consumeUse: async (id, now) =>
      (
        await sql.run(
          `UPDATE invitations SET uses = uses + 1
           WHERE id = ? AND revoked_at IS NULL
             AND (expires_at IS NULL OR expires_at > ?)
             AND (max_uses IS NULL OR uses < max_uses)`,
          [id, now],
        )
      ).changes === 1,
  };
}
