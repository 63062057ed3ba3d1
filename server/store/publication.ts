import type { PhaseKind, PublicationSettings, RoadmapPhase } from "@shared/publication";
import type { Sector } from "@shared/roles";
import type { Db } from "./db";

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
 * members' consent to be named. Asynchronous like every store a networked database implements;
 * the SQLite methods run their statements before returning, so inside a caller's transaction a
 * failing statement throws at once and rolls it back.
 */
export interface PublicationStore {
  settings(workspaceId: string): Promise<PublicationSettings>;
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

export function createPublicationStore(db: Db): PublicationStore {
  const settings = db.prepare<[string], SettingsRow>(
    "SELECT published, show_draft FROM publications WHERE workspace_id = ?",
  );
  const minutes = db
    .prepare<[string], string>("SELECT meeting_id FROM published_minutes WHERE workspace_id = ? ORDER BY 1")
    .pluck();
  const inputs = db
    .prepare<[string], string>("SELECT thread_id FROM published_inputs WHERE workspace_id = ? ORDER BY 1")
    .pluck();
  const upsert = db.prepare(
    `INSERT INTO publications (workspace_id, published, show_draft, updated_at)
     VALUES (@workspaceId, @published, @showDraft, @at)
     ON CONFLICT (workspace_id) DO UPDATE SET published = excluded.published,
       show_draft = excluded.show_draft, updated_at = excluded.updated_at`,
  );
  const clearMinutes = db.prepare("DELETE FROM published_minutes WHERE workspace_id = ?");
  const addMinutes = db.prepare("INSERT INTO published_minutes (workspace_id, meeting_id) VALUES (?, ?)");
  const clearInputs = db.prepare("DELETE FROM published_inputs WHERE workspace_id = ?");
  const addInput = db.prepare("INSERT INTO published_inputs (workspace_id, thread_id) VALUES (?, ?)");
  const roadmap = db.prepare<[string], { kind: PhaseKind; starts_on: string; ends_on: string }>(
    "SELECT kind, starts_on, ends_on FROM roadmap_phases WHERE workspace_id = ? ORDER BY position",
  );
  const clearRoadmap = db.prepare("DELETE FROM roadmap_phases WHERE workspace_id = ?");
  const addPhase = db.prepare(
    "INSERT INTO roadmap_phases (workspace_id, position, kind, starts_on, ends_on) VALUES (?, ?, ?, ?, ?)",
  );
  const showName = db
    .prepare<[string, string], number>(
      "SELECT show_name FROM memberships WHERE workspace_id = ? AND user_id = ?",
    )
    .pluck();
  const setShowName = db.prepare(
    "UPDATE memberships SET show_name = ? WHERE workspace_id = ? AND user_id = ?",
  );
  const forum = db.prepare<[string], ForumMember>(
    `SELECT m.sector, m.organization, CASE WHEN m.show_name = 1 THEN u.name END AS name
     FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.workspace_id = ? ORDER BY m.sector, m.organization, u.name`,
  );
  const attendees = db.prepare<[string, string], PublicAttendee>(
    `SELECT a.sector, CASE WHEN m.show_name = 1 THEN u.name END AS name
     FROM meeting_attendance a JOIN users u ON u.id = a.user_id
     LEFT JOIN memberships m ON m.workspace_id = ? AND m.user_id = a.user_id
     WHERE a.meeting_id = ? ORDER BY a.sector, u.name`,
  );

  const saveSettings = db.transaction((workspaceId: string, s: PublicationSettings, at: number) => {
    upsert.run({ workspaceId, published: Number(s.published), showDraft: Number(s.showDraft), at });
    clearMinutes.run(workspaceId);
    for (const meetingId of s.minutes) addMinutes.run(workspaceId, meetingId);
    clearInputs.run(workspaceId);
    for (const threadId of s.inputs) addInput.run(workspaceId, threadId);
  });
  const replaceRoadmap = db.transaction((workspaceId: string, phases: readonly RoadmapPhase[]) => {
    clearRoadmap.run(workspaceId);
    phases.forEach((p, i) => {
      addPhase.run(workspaceId, i, p.kind, p.startsOn, p.endsOn);
    });
  });

  return {
    settings(workspaceId) {
      const row = settings.get(workspaceId);
      return Promise.resolve({
        published: row?.published === 1,
        showDraft: row?.show_draft === 1,
        minutes: minutes.all(workspaceId),
        inputs: inputs.all(workspaceId),
      });
    },
    saveSettings(workspaceId, s, at) {
      saveSettings(workspaceId, s, at);
      return Promise.resolve();
    },
    roadmap: (workspaceId) =>
      Promise.resolve(
        roadmap.all(workspaceId).map((r) => ({ kind: r.kind, startsOn: r.starts_on, endsOn: r.ends_on })),
      ),
    replaceRoadmap(workspaceId, phases) {
      replaceRoadmap(workspaceId, phases);
      return Promise.resolve();
    },
    showName: (workspaceId, userId) => Promise.resolve(showName.get(workspaceId, userId) === 1),
    setShowName(workspaceId, userId, show) {
      setShowName.run(Number(show), workspaceId, userId);
      return Promise.resolve();
    },
    forum: (workspaceId) => Promise.resolve(forum.all(workspaceId)),
    attendees: (workspaceId, meetingId) => Promise.resolve(attendees.all(workspaceId, meetingId)),
  };
}
