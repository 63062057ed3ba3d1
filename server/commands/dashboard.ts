import {
  ACTIVITY_TYPES,
  type ActivityItem,
  type ActivityType,
  type DashboardResponse,
} from "@shared/dashboard";
import type { EventPayloads, WorkspaceEvent } from "@shared/events";
import { hasRole, type Sector } from "@shared/roles";
import type { Store } from "../store";
import { requireMember } from "./access";
import { summarizeThreads } from "./comments";
import { unansweredInputs } from "./consultations";
import { listVersions, type VersionDeps } from "./freeze";
import { listMeetings } from "./meetings";
import { listVotes } from "./votes";

/** How many recent events the home page lists. */
const ACTIVITY_LIMIT = 12;

/**
 * What the workspace home needs beyond the plan's self-check and the open proposal (which it
 * reads from GET /freeze): the member's open votes with whether they voted, meetings, comments
 * awaiting a reasoned response, members per sector, official versions and recent activity.
 * Any member; each part comes from the command that already answers it, so the rules of who
 * sees what stay in one place.
 */
export async function readDashboard(
  deps: VersionDeps,
  userId: string,
  workspaceId: string,
): Promise<DashboardResponse> {
  const { membership } = await requireMember(deps.store, workspaceId, userId);
  const votes = (await listVotes(deps, userId, workspaceId, {})).filter((v) => v.status === "open");
  const meetings = await listMeetings(deps, userId, workspaceId);
  const { awaiting } = await summarizeThreads(deps, userId, workspaceId);
  const officialVersions = (await listVersions(deps, userId, workspaceId)).versions.length;
  return deps.store.transaction(async (store) => {
    const members = await store.memberships.list(workspaceId);
    const membersBySector: Partial<Record<Sector, number>> = {};
    for (const m of members) membersBySector[m.sector] = (membersBySector[m.sector] ?? 0) + 1;
    return {
      serverNow: Date.now(),
      openVotes: await Promise.all(
        votes.map(async (v) => ({
          id: v.id,
          title: v.title,
          closesAt: v.closesAt,
          eligible: hasRole(membership.role, v.eligibility),
          voted: (await store.votes.ballot(v.id, userId)) !== null,
        })),
      ),
      meetings,
      awaitingResponse: awaiting,
      membersBySector,
      officialVersions,
      activity: await recentActivity(store, workspaceId, new Map(members.map((m) => [m.userId, m.name]))),
      unansweredInputs: await unansweredInputs(store, workspaceId),
    };
  });
}

const isActivity = (type: string): type is ActivityType =>
  (ACTIVITY_TYPES as readonly string[]).includes(type);

async function recentActivity(
  store: Store,
  workspaceId: string,
  names: Map<string, string>,
): Promise<ActivityItem[]> {
  // Read a window of the log wide enough that the fine-grained events it skips rarely leave it short.
  const latest = await store.events.latestId(workspaceId);
  const events = await store.events.after(workspaceId, Math.max(0, latest - 200), 200);
  return events
    .filter((e): e is WorkspaceEvent & { type: ActivityType } => isActivity(e.type))
    .slice(-ACTIVITY_LIMIT)
    .reverse()
    .map((e) => ({
      id: e.id,
      type: e.type,
      actorName: e.actorId === null ? null : (names.get(e.actorId) ?? null),
      at: e.createdAt,
      ...subjectOf(e),
    }));
}

/** The title an event is about and where it lives; never a comment's words (those may be withdrawn or hidden). */
function subjectOf(event: WorkspaceEvent): { subject: string | null; path: string | null } {
  switch (event.type) {
    case "member.joined": {
      const { member } = event.payload as EventPayloads["member.joined"];
      return { subject: member.name, path: "members" };
    }
    case "vote.opened":
    case "vote.closed": {
      const { vote } = event.payload as EventPayloads["vote.opened"];
      return { subject: vote.title, path: `votes/${vote.id}` };
    }
    case "meeting.created": {
      const { meeting } = event.payload as EventPayloads["meeting.created"];
      return { subject: meeting.title, path: `meetings/${meeting.id}` };
    }
    case "meeting.minutes_recorded":
    case "meeting.commitment_created": {
      const { meetingId } = event.payload as EventPayloads["meeting.minutes_recorded"];
      return { subject: null, path: `meetings/${meetingId}` };
    }
    case "version.published": {
      const { version } = event.payload as EventPayloads["version.published"];
      return { subject: String(version.number), path: "versions" };
    }
    case "comment.created":
    case "comment.responded":
      return { subject: null, path: "plan" };
    default:
      return { subject: null, path: "versions" };
  }
}
