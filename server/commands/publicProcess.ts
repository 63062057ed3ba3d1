import {
  currentPhaseIndex,
  type PublicDecline,
  type PublicForumSector,
  type PublicInput,
  type PublicMeeting,
  type PublicMinutes,
  type PublicProcessResponse,
} from "@shared/publication";
import { SECTORS } from "@shared/roles";
import { notFound } from "../errors";
import type { Store } from "../store";
import { toIso } from "../store/ids";
import type { MeetingRecord } from "../store/meetings";
import type { ForumMember } from "../store/publication";
import { latestConsultation } from "./consultationPresenter";
import type { PublicVersionDeps } from "./freezePublic";
import { runState } from "./meetings";

/**
 * What a visitor without a session may see of a workspace. Each function answers 404 for anything
 * the facilitator has not published, exactly as for a workspace that does not exist, so the public
 * API does not even confirm that an unpublished record is there.
 */

interface PublicWorkspace {
  workspaceId: string;
  published: boolean;
}

/** The workspace at `slug` when its process is published or it has an official version; else 404. */
async function publicWorkspace(store: Store, slug: string): Promise<PublicWorkspace> {
  const workspaceId = await store.versions.workspaceIdBySlug(slug);
  if (!workspaceId) throw notFound("Public process page");
  const published = await store.publication.published(workspaceId);
  if (!published && (await store.versions.heads(workspaceId)).length === 0)
    throw notFound("Public process page");
  return { workspaceId, published };
}

/** The published workspace at `slug`; 404 unless the facilitator published the process. */
export async function publishedWorkspaceId(store: Store, slug: string): Promise<string> {
  const { workspaceId, published } = await publicWorkspace(store, slug);
  if (!published) throw notFound("Public process page");
  return workspaceId;
}

/** Sectors, then organisations, each with a head count and the names of those who agreed. */
export function groupForum(members: readonly ForumMember[]): PublicForumSector[] {
  return SECTORS.flatMap((sector) => {
    const inSector = members.filter((m) => m.sector === sector);
    if (inSector.length === 0) return [];
    const names = [...new Set(inSector.map((m) => m.organization))];
    return [
      {
        sector,
        organizations: names.map((name) => {
          const people = inSector.filter((m) => m.organization === name);
          return {
            name,
            members: people.length,
            people: people.flatMap((m) => (m.name === null ? [] : [m.name])),
          };
        }),
      },
    ];
  });
}

const toPublicMeeting = (record: MeetingRecord, minutes: ReadonlySet<string>): PublicMeeting => ({
  id: record.id,
  title: record.title,
  startsAt: record.startsAt,
  place: record.place,
  link: record.link,
  plannedMinutes: record.plannedMinutes,
  minutes: minutes.has(record.id),
});

/** The published inputs: each thread's first comment (unless withdrawn or hidden) and its responses. */
async function publicInputs(store: Store, workspaceId: string, threadIds: string[]): Promise<PublicInput[]> {
  const organizations = new Map(
    (await store.memberships.list(workspaceId)).map((m) => [m.userId, m.organization]),
  );
  const inputs: PublicInput[] = [];
  for (const threadId of threadIds) {
    const bundle = await store.comments.thread(workspaceId, threadId);
    const first = bundle?.comments[0];
    if (!bundle || !first || first.withdrawnAt !== null || first.hidden !== null) continue;
    // A former member is no longer in the forum: their name is not shown.
    const named = organizations.has(first.authorId)
      ? await store.publication.showName(workspaceId, first.authorId)
      : false;
    const { target } = bundle.thread;
    inputs.push({
      id: bundle.thread.id,
      commitmentId: target.kind === "plan" ? null : target.commitmentId,
      quote: target.kind === "text" ? target.quote : null,
      body: first.body,
      author: {
        name: named ? first.authorName : null,
        sector: first.authorSector,
        organization: organizations.get(first.authorId) ?? null,
      },
      createdAt: toIso(bundle.thread.createdAt),
      responses: bundle.responses.map((r) => ({
        status: r.status,
        reason: r.reason,
        at: toIso(r.createdAt),
      })),
    });
  }
  return inputs;
}

/** Every decline of a proposal that became official: who (as they signed), why and when. */
async function publicDeclines(store: Store, workspaceId: string): Promise<PublicDecline[]> {
  const declines: PublicDecline[] = [];
  for (const version of await store.versions.heads(workspaceId)) {
    for (const { decision, name, organization, sector, reason, at } of await store.versions.signatures(
      version.proposalId,
    )) {
      if (decision === "declined") {
        declines.push({ name, organization, sector, reason, at, versionNumber: version.number });
      }
    }
  }
  return declines;
}

/**
 * The public process page of `slug`: the roadmap, the forum, meetings, published inputs, whether
 * the draft is shown, and every official version with the declines. When only official versions
 * are public (the process itself is not published), everything else is empty.
 */
export async function publicProcess(
  { store, officialVersions }: PublicVersionDeps,
  slug: string,
  now: Date,
): Promise<PublicProcessResponse> {
  const { workspaceId, published } = await publicWorkspace(store, slug);
  const workspace = await store.workspaces.byId(workspaceId);
  if (!workspace) throw notFound("Public process page");
  const { versions, withheld: withheldVersions } = await officialVersions.list(workspaceId);
  const base: PublicProcessResponse = {
    workspace: {
      slug,
      name: workspace.name,
      jurisdiction: workspace.jurisdiction,
      country: workspace.country,
      periodStart: workspace.periodStart,
      periodEnd: workspace.periodEnd,
    },
    published,
    roadmap: { phases: [], current: null },
    rules: null,
    forum: [],
    meetings: { upcoming: [], past: [] },
    inputs: [],
    draft: false,
    consultation: null,
    versions,
    withheldVersions,
    declines: await publicDeclines(store, workspaceId),
  };
  if (!published) return base;
  const settings = await store.publication.settings(workspaceId);
  const phases = await store.publication.roadmap(workspaceId);
  const withMinutes = new Set(settings.minutes);
  const nowIso = now.toISOString();
  const records = await store.meetings.list(workspaceId);
  // Listed newest first. Past: ended, or its start has gone by; upcoming: the rest, soonest first.
  const pastIds = new Set<string>();
  for (const m of records) {
    if (m.startsAt < nowIso || (await runState(store, m.id)).status === "ended") pastIds.add(m.id);
  }
  const isPast = (m: MeetingRecord) => pastIds.has(m.id);
  const upcoming = records
    .filter((m) => !isPast(m))
    .map((m) => toPublicMeeting(m, withMinutes))
    .reverse();
  const past = records.filter(isPast).map((m) => toPublicMeeting(m, withMinutes));
  return {
    ...base,
    roadmap: { phases, current: currentPhaseIndex(phases, nowIso.slice(0, 10)) },
    rules: await store.signOffRules.get(workspaceId),
    forum: groupForum(await store.publication.forum(workspaceId)),
    meetings: { upcoming, past },
    inputs: await publicInputs(store, workspaceId, settings.inputs),
    draft: settings.showDraft,
    consultation: await latestConsultation(store, workspaceId),
  };
}

/** A meeting of the published process, for its calendar file; 404 otherwise. */
export async function publicMeeting(store: Store, slug: string, meetingId: string): Promise<MeetingRecord> {
  const workspaceId = await publishedWorkspaceId(store, slug);
  const meeting = await store.meetings.byId(workspaceId, meetingId);
  if (!meeting) throw notFound("Meeting");
  return meeting;
}

/**
 * A meeting's recorded minutes, when the facilitator published them: attendance as counts per
 * sector with the names of those who agreed; a member's name typed as an item's lead or a
 * decision's "who" is left out unless they agreed.
 */
export async function publicMinutes(store: Store, slug: string, meetingId: string): Promise<PublicMinutes> {
  const workspaceId = await publishedWorkspaceId(store, slug);
  const settings = await store.publication.settings(workspaceId);
  const meeting = await store.meetings.byId(workspaceId, meetingId);
  const minutes =
    meeting && settings.minutes.includes(meetingId) ? await store.meetings.minutes(meetingId) : null;
  if (!meeting || !minutes?.recordedAt) throw notFound("Minutes");
  const attendees = await store.publication.attendees(workspaceId, meetingId);
  const members = await store.publication.forum(workspaceId);
  const named = new Set(members.flatMap((m) => (m.name === null ? [] : [m.name])));
  const unnamed = new Set(
    (await store.memberships.list(workspaceId)).map((m) => m.name).filter((name) => !named.has(name)),
  );
  const scrub = (text: string): string => (unnamed.has(text.trim()) ? "" : text);
  return {
    meeting: toPublicMeeting(meeting, new Set([meetingId])),
    recordedAt: minutes.recordedAt,
    startedAt: minutes.startedAt,
    endedAt: minutes.endedAt,
    items: minutes.items.map((item) => ({ ...item, lead: scrub(item.lead) })),
    decisions: minutes.decisions.map(({ kind, what, who, dueDate }) => ({
      kind,
      what,
      who: scrub(who),
      dueDate,
    })),
    attendance: SECTORS.flatMap((sector) => {
      const here = attendees.filter((a) => a.sector === sector);
      if (here.length === 0) return [];
      return [{ sector, count: here.length, people: here.flatMap((a) => (a.name === null ? [] : [a.name])) }];
    }),
  };
}
