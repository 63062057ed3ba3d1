import type { Member, Membership } from "@shared/api";
import type { Role, Sector } from "@shared/roles";
import { toIso } from "./ids";
import type { Sql } from "./sql";

export interface MembershipRow {
  workspace_id: string;
  user_id: string;
  role: Role;
  sector: Sector;
  organization: string | null;
  joined_at: number;
}

export const toMembership = (row: MembershipRow): Membership => ({
  workspaceId: row.workspace_id,
  userId: row.user_id,
  role: row.role,
  sector: row.sector,
  organization: row.organization,
  joinedAt: toIso(row.joined_at),
});

export interface NewMembership {
  workspaceId: string;
  userId: string;
  role: Role;
  sector: Sector;
  organization: string | null;
  joinedAt: number;
}

/** Who belongs to which workspace, with which role and sector. */
export interface MembershipStore {
  insert(membership: NewMembership): Promise<Membership>;
  get(workspaceId: string, userId: string): Promise<Membership | null>;
  /** Members with their name and email, in the order they joined. */
  list(workspaceId: string): Promise<Member[]>;
  update(workspaceId: string, userId: string, changes: { role: Role; sector: Sector }): Promise<Membership>;
  delete(workspaceId: string, userId: string): Promise<void>;
  countWithRole(workspaceId: string, role: Role): Promise<number>;
  /** Notes that a facilitator removed the user at `at` (the latest removal counts). */
  recordRemoval(workspaceId: string, userId: string, at: number): Promise<void>;
  /** When a facilitator last removed the user from the workspace, or null. */
  removedAt(workspaceId: string, userId: string): Promise<number | null>;
}

const COLUMNS = "m.workspace_id, m.user_id, m.role, m.sector, m.organization, m.joined_at";

export function createMembershipStore(sql: Sql): MembershipStore {
  const get = async (workspaceId: string, userId: string): Promise<Membership | null> => {
    const row = await sql.get<MembershipRow>(
      `SELECT ${COLUMNS} FROM memberships m WHERE m.workspace_id = ? AND m.user_id = ?`,
      [workspaceId, userId],
    );
    return row ? toMembership(row) : null;
  };
  const mustGet = async (workspaceId: string, userId: string): Promise<Membership> => {
    const membership = await get(workspaceId, userId);
    if (!membership) throw new Error(`membership ${workspaceId}/${userId} not found right after writing it`);
    return membership;
  };

  return {
    async insert(m) {
      await sql.run(
        `INSERT INTO memberships (workspace_id, user_id, role, sector, organization, joined_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [m.workspaceId, m.userId, m.role, m.sector, m.organization, m.joinedAt],
      );
      return mustGet(m.workspaceId, m.userId);
    },
    get,
    list: async (workspaceId) =>
      (
        await sql.all<MembershipRow & { name: string; email: string }>(
          `SELECT ${COLUMNS}, u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.workspace_id = ? ORDER BY m.joined_at, u.name, m.user_id`,
          [workspaceId],
        )
      ).map((row) => ({ ...toMembership(row), name: row.name, email: row.email })),
    async update(workspaceId, userId, changes) {
      await sql.run("UPDATE memberships SET role = ?, sector = ? WHERE workspace_id = ? AND user_id = ?", [
        changes.role,
        changes.sector,
        workspaceId,
        userId,
      ]);
      return mustGet(workspaceId, userId);
    },
    async delete(workspaceId, userId) {
      await sql.run("DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?", [workspaceId, userId]);
    },
    async countWithRole(workspaceId, role) {
      const row = await sql.get<{ n: number }>(
        "SELECT count(*) AS n FROM memberships WHERE workspace_id = ? AND role = ?",
        [workspaceId, role],
      );
      return row?.n ?? 0;
    },
    async recordRemoval(workspaceId, userId, at) {
      await sql.run(
        `INSERT INTO member_removals (workspace_id, user_id, removed_at) VALUES (?, ?, ?)
         ON CONFLICT (workspace_id, user_id) DO UPDATE SET removed_at = excluded.removed_at`,
        [workspaceId, userId, at],
      );
    },
    async removedAt(workspaceId, userId) {
      const row = await sql.get<{ removed_at: number }>(
        "SELECT removed_at FROM member_removals WHERE workspace_id = ? AND user_id = ?",
        [workspaceId, userId],
      );
      return row?.removed_at ?? null;
    },
  };
}
