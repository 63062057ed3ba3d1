import type { Member, Membership } from "@shared/api";
import type { Role, Sector } from "@shared/roles";
import type { Db } from "./db";
import { toIso } from "./ids";

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
  insert(membership: NewMembership): Membership;
  get(workspaceId: string, userId: string): Membership | null;
  /** Members with their name and email, in the order they joined. */
  list(workspaceId: string): Member[];
  update(workspaceId: string, userId: string, changes: { role: Role; sector: Sector }): Membership;
  delete(workspaceId: string, userId: string): void;
  countWithRole(workspaceId: string, role: Role): number;
  /** Notes that a facilitator removed the user at `at` (the latest removal counts). */
  recordRemoval(workspaceId: string, userId: string, at: number): void;
  /** When a facilitator last removed the user from the workspace, or null. */
  removedAt(workspaceId: string, userId: string): number | null;
}

const COLUMNS = "m.workspace_id, m.user_id, m.role, m.sector, m.organization, m.joined_at";

export function createMembershipStore(db: Db): MembershipStore {
  const insert = db.prepare(
    `INSERT INTO memberships (workspace_id, user_id, role, sector, organization, joined_at)
     VALUES (@workspaceId, @userId, @role, @sector, @organization, @joinedAt)`,
  );
  const get = db.prepare<[string, string], MembershipRow>(
    `SELECT ${COLUMNS} FROM memberships m WHERE m.workspace_id = ? AND m.user_id = ?`,
  );
  const list = db.prepare<[string], MembershipRow & { name: string; email: string }>(
    `SELECT ${COLUMNS}, u.name, u.email FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.workspace_id = ? ORDER BY m.joined_at, u.name, m.user_id`,
  );
  const update = db.prepare(
    "UPDATE memberships SET role = @role, sector = @sector WHERE workspace_id = @workspaceId AND user_id = @userId",
  );
  const deleteOne = db.prepare("DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?");
  const countWithRole = db
    .prepare<[string, Role], number>("SELECT count(*) FROM memberships WHERE workspace_id = ? AND role = ?")
    .pluck();

  const recordRemoval = db.prepare(
    `INSERT INTO member_removals (workspace_id, user_id, removed_at) VALUES (?, ?, ?)
     ON CONFLICT (workspace_id, user_id) DO UPDATE SET removed_at = excluded.removed_at`,
  );
  const removedAt = db
    .prepare<[string, string], number>(
      "SELECT removed_at FROM member_removals WHERE workspace_id = ? AND user_id = ?",
    )
    .pluck();

  const mustGet = (workspaceId: string, userId: string): Membership => {
    const row = get.get(workspaceId, userId);
    if (!row) throw new Error(`membership ${workspaceId}/${userId} not found right after writing it`);
    return toMembership(row);
  };

  return {
    insert(membership) {
      insert.run(membership);
      return mustGet(membership.workspaceId, membership.userId);
    },
    get(workspaceId, userId) {
      const row = get.get(workspaceId, userId);
      return row ? toMembership(row) : null;
    },
    list: (workspaceId) =>
      list.all(workspaceId).map((row) => ({ ...toMembership(row), name: row.name, email: row.email })),
    update(workspaceId, userId, changes) {
      update.run({ workspaceId, userId, ...changes });
      return mustGet(workspaceId, userId);
    },
    delete: (workspaceId, userId) => void deleteOne.run(workspaceId, userId),
    countWithRole: (workspaceId, role) => countWithRole.get(workspaceId, role) ?? 0,
    recordRemoval: (workspaceId, userId, at) => void recordRemoval.run(workspaceId, userId, at),
    removedAt: (workspaceId, userId) => removedAt.get(workspaceId, userId) ?? null,
  };
}
