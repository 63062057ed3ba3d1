import type { PhaseKind, PublicationSettings, RoadmapPhase } from "@shared/publication";
import type { Sector } from "@shared/roles";
import type { Sql } from "./sql";

/** A member as the public page may use them: `name` is null unless they agreed to be named. */
export interface ForumMember {
  sector: Sector;
  organization: string | null;
  name: string | null;
}

/** An attendee of a meeting as the public page may use them (the sector they checked in with). */
export interface PublicAttendee {
  sector: Sector;
  name: string | null;
}

/**
 * The public process page's records (migration 010): publication settings, the roadmap and the
 * members' consent to be named.
 */
export interface PublicationStore {
  settings(workspaceId: string): Promise<PublicationSettings>;
  /** Whether the process is published: `settings(…).published` in one read. */
  published(workspaceId: string): Promise<boolean>;
  saveSettings(workspaceId: string, settings: PublicationSettings, at: number): Promise<void>;
  roadmap(workspaceId: string): Promise<RoadmapPhase[]>;
  replaceRoadmap(workspaceId: string, phases: readonly RoadmapPhase[]): Promise<void>;
  showName(workspaceId: string, userId: string): Promise<boolean>;
  setShowName(workspaceId: string, userId: string, show: boolean): Promise<void>;
  /** Current members, by sector, organisation and name (names only of those who agreed). */
  forum(workspaceId: string): Promise<ForumMember[]>;
  /** Who attended a meeting, with names only of those who agreed (and are still members). */
  attendees(workspaceId: string, meetingId: string): Promise<PublicAttendee[]>;
}

interface SettingsRow {
  published: number;
  show_draft: number;
}

export function createPublicationStore(sql: Sql): PublicationStore {
  const ids = async (text: string, workspaceId: string): Promise<string[]> =>
    (await sql.all<{ id: string }>(text, [workspaceId])).map((row) => row.id);

  return {
    async settings(workspaceId) {
      const row = await sql.get<SettingsRow>(
        "SELECT published, show_draft FROM publications WHERE workspace_id = ?",
        [workspaceId],
      );
      return {
        published: row?.published === 1,
        showDraft: row?.show_draft === 1,
        minutes: await ids(
          "SELECT meeting_id AS id FROM published_minutes WHERE workspace_id = ? ORDER BY 1",
          workspaceId,
        ),
        inputs: await ids(
          "SELECT thread_id AS id FROM published_inputs WHERE workspace_id = ? ORDER BY 1",
          workspaceId,
        ),
      };
    },
    async published(workspaceId) {
      const row = await sql.get<{ published: number }>(
        "SELECT published FROM publications WHERE workspace_id = ?",
        [workspaceId],
      );
      return row?.published === 1;
    },
    saveSettings: (workspaceId, s, at) =>
      sql.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO publications (workspace_id, published, show_draft, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (workspace_id) DO UPDATE SET published = excluded.published,
             show_draft = excluded.show_draft, updated_at = excluded.updated_at`,
          [workspaceId, Number(s.published), Number(s.showDraft), at],
        );
        await tx.run("DELETE FROM published_minutes WHERE workspace_id = ?", [workspaceId]);
        for (const meetingId of s.minutes) {
          await tx.run("INSERT INTO published_minutes (workspace_id, meeting_id) VALUES (?, ?)", [
            workspaceId,
            meetingId,
          ]);
        }
        await tx.run("DELETE FROM published_inputs WHERE workspace_id = ?", [workspaceId]);
        for (const threadId of s.inputs) {
          await tx.run("INSERT INTO published_inputs (workspace_id, thread_id) VALUES (?, ?)", [
            workspaceId,
            threadId,
          ]);
        }
      }),
    roadmap: async (workspaceId) =>
      (
        await sql.all<{ kind: PhaseKind; starts_on: string; ends_on: string }>(
          "SELECT kind, starts_on, ends_on FROM roadmap_phases WHERE workspace_id = ? ORDER BY position",
          [workspaceId],
        )
      ).map((r) => ({ kind: r.kind, startsOn: r.starts_on, endsOn: r.ends_on })),
    replaceRoadmap: (workspaceId, phases) =>
      sql.transaction(async (tx) => {
        await tx.run("DELETE FROM roadmap_phases WHERE workspace_id = ?", [workspaceId]);
        for (const [i, p] of phases.entries()) {
          await tx.run(
            "INSERT INTO roadmap_phases (workspace_id, position, kind, starts_on, ends_on) VALUES (?, ?, ?, ?, ?)",
            [workspaceId, i, p.kind, p.startsOn, p.endsOn],
          );
        }
      }),
    async showName(workspaceId, userId) {
      const row = await sql.get<{ show_name: number }>(
        "SELECT show_name FROM memberships WHERE workspace_id = ? AND user_id = ?",
        [workspaceId, userId],
      );
      return row?.show_name === 1;
    },
    async setShowName(workspaceId, userId, show) {
      await sql.run("UPDATE memberships SET show_name = ? WHERE workspace_id = ? AND user_id = ?", [
        Number(show),
        workspaceId,
        userId,
      ]);
    },
    forum: (workspaceId) =>
      sql.all<ForumMember>(
        `SELECT m.sector, m.organization, CASE WHEN m.show_name = 1 THEN u.name END AS name
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.workspace_id = ? ORDER BY m.sector, m.organization, u.name`,
        [workspaceId],
      ),
    attendees: (workspaceId, meetingId) =>
      sql.all<PublicAttendee>(
        `SELECT a.sector, CASE WHEN m.show_name = 1 THEN u.name END AS name
         FROM meeting_attendance a JOIN users u ON u.id = a.user_id
         LEFT JOIN memberships m ON m.workspace_id = ? AND m.user_id = a.user_id
         WHERE a.meeting_id = ? ORDER BY a.sector, u.name`,
        [workspaceId, meetingId],
      ),
  };
}
