import type { Membership, Workspace } from "@shared/api";
import { toIso } from "./ids";
import { type MembershipRow, toMembership } from "./memberships";
import type { Sql } from "./sql";

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
  insert(workspace: NewWorkspace): Promise<Workspace>;
  byId(id: string): Promise<Workspace | null>;
  slugTaken(slug: string): Promise<boolean>;
  update(id: string, settings: WorkspaceSettings): Promise<Workspace>;
  /** The workspaces a user belongs to, newest first, each with the user's membership. */
  listForUser(userId: string): Promise<(Workspace & { membership: Membership })[]>;
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

export function createWorkspaceStore(sql: Sql): WorkspaceStore {
  const byId = async (id: string): Promise<Workspace | null> => {
    const row = await sql.get<WorkspaceRow>(`SELECT ${COLUMNS} FROM workspaces w WHERE w.id = ?`, [id]);
    return row ? toWorkspace(row) : null;
  };
  const mustGet = async (id: string): Promise<Workspace> => {
    const workspace = await byId(id);
    if (!workspace) throw new Error(`workspace ${id} not found right after writing it`);
    return workspace;
  };

  return {
    async insert(w) {
      await sql.run(
        `INSERT INTO workspaces (id, slug, name, jurisdiction, country, period_start, period_end, default_locale,
           max_commitments, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          w.id,
          w.slug,
          w.name,
          w.jurisdiction,
          w.country,
          w.periodStart,
          w.periodEnd,
          w.defaultLocale,
          w.maxCommitments,
          w.createdBy,
          w.createdAt,
        ],
      );
      return mustGet(w.id);
    },
    byId,
    slugTaken: async (slug) =>
      (await sql.get("SELECT 1 FROM workspaces WHERE slug = ?", [slug])) !== undefined,
    async update(id, s) {
      await sql.run(
        `UPDATE workspaces SET name = ?, jurisdiction = ?, country = ?, period_start = ?, period_end = ?,
           default_locale = ?, max_commitments = ?
         WHERE id = ?`,
        [
          s.name,
          s.jurisdiction,
          s.country,
          s.periodStart,
          s.periodEnd,
          s.defaultLocale,
          s.maxCommitments,
          id,
        ],
      );
      return mustGet(id);
    },
    listForUser: async (userId) =>
      (
        await sql.all<WorkspaceRow & MembershipRow>(
          `SELECT ${COLUMNS}, m.workspace_id, m.user_id, m.role, m.sector, m.organization, m.joined_at
           FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
           WHERE m.user_id = ? ORDER BY w.created_at DESC, w.id`,
          [userId],
        )
      ).map((row) => ({ ...toWorkspace(row), membership: toMembership(row) })),
  };
}
