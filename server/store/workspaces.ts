import type { Membership, Workspace } from "@shared/api";
import type { Db } from "./db";
import { toIso } from "./ids";
import { type MembershipRow, toMembership } from "./memberships";

/** A workspace to write: the API's fields, with its creator and a millisecond timestamp. */
export interface NewWorkspace extends Omit<Workspace, "createdAt"> {
  createdBy: string;
  createdAt: number;
}

/** The settings a facilitator may change. */
export type WorkspaceSettings = Pick<
  Workspace,
  "name" | "jurisdiction" | "country" | "periodStart" | "periodEnd" | "defaultLocale" | "maxCommitments"
>;

/** Workspaces: one jurisdiction's co-creation process. */
export interface WorkspaceStore {
  insert(workspace: NewWorkspace): Workspace;
  byId(id: string): Workspace | null;
  slugTaken(slug: string): boolean;
  update(id: string, settings: WorkspaceSettings): Workspace;
  /** The workspaces a user belongs to, newest first, each with the user's membership. */
  listForUser(userId: string): (Workspace & { membership: Membership })[];
}

interface WorkspaceRow {
  id: string;
  slug: string;
  name: string;
  jurisdiction: string;
  country: string | null;
  period_start: string | null;
  period_end: string | null;
  default_locale: string;
  max_commitments: number;
  created_at: number;
}

const COLUMNS =
  "w.id, w.slug, w.name, w.jurisdiction, w.country, w.period_start, w.period_end, w.default_locale, w.max_commitments, w.created_at";

const toWorkspace = (row: WorkspaceRow): Workspace => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  jurisdiction: row.jurisdiction,
  country: row.country,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  defaultLocale: row.default_locale,
  maxCommitments: row.max_commitments,
  createdAt: toIso(row.created_at),
});

export function createWorkspaceStore(db: Db): WorkspaceStore {
  const insert = db.prepare(
    `INSERT INTO workspaces (id, slug, name, jurisdiction, country, period_start, period_end, default_locale,
       max_commitments, created_by, created_at)
     VALUES (@id, @slug, @name, @jurisdiction, @country, @periodStart, @periodEnd, @defaultLocale,
       @maxCommitments, @createdBy, @createdAt)`,
  );
  const byId = db.prepare<[string], WorkspaceRow>(`SELECT ${COLUMNS} FROM workspaces w WHERE w.id = ?`);
  const slugTaken = db.prepare<[string], number>("SELECT 1 FROM workspaces WHERE slug = ?").pluck();
  const update = db.prepare(
    `UPDATE workspaces SET name = @name, jurisdiction = @jurisdiction, country = @country,
       period_start = @periodStart, period_end = @periodEnd, default_locale = @defaultLocale,
       max_commitments = @maxCommitments
     WHERE id = @id`,
  );
  const listForUser = db.prepare<[string], WorkspaceRow & MembershipRow>(
    `SELECT ${COLUMNS}, m.workspace_id, m.user_id, m.role, m.sector, m.organization, m.joined_at
     FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
     WHERE m.user_id = ? ORDER BY w.created_at DESC, w.id`,
  );

  const mustGet = (id: string): Workspace => {
    const row = byId.get(id);
    if (!row) throw new Error(`workspace ${id} not found right after writing it`);
    return toWorkspace(row);
  };

  return {
    insert(workspace) {
      insert.run(workspace);
      return mustGet(workspace.id);
    },
    byId(id) {
      const row = byId.get(id);
      return row ? toWorkspace(row) : null;
    },
    slugTaken: (slug) => slugTaken.get(slug) !== undefined,
    update(id, settings) {
      update.run({ id, ...settings });
      return mustGet(id);
    },
    listForUser: (userId) =>
      listForUser.all(userId).map((row) => ({ ...toWorkspace(row), membership: toMembership(row) })),
  };
}
