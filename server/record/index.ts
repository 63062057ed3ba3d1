import type { EventPayloads, WorkspaceEvent } from "@shared/events";
import type { Minutes } from "@shared/meetings";
import { type CocreationRecord, type PlanAuthor, RECORD_SCHEMA } from "@shared/record";
import type { PlanReads } from "../reads/PlanReads";
import type { Store } from "../store";
import { commentsRecord } from "./comments";
import { consultationsRecord } from "./consultations";
import { meetingsRecord } from "./meetings";
import { type Affiliation, textRecord } from "./text";
import { timeline } from "./timeline";
import { votesRecord } from "./votes";

/** What computing the record reads: the tables and who wrote the plan (read off the event loop). */
export interface RecordDeps {
  store: Store;
  planReads: Pick<PlanReads, "planText">;
}

const EVENT_PAGE = 1000;

/** Every event of a workspace, oldest first. */
async function allEvents(store: Store, workspaceId: string): Promise<WorkspaceEvent[]> {
  const events: WorkspaceEvent[] = [];
  for (;;) {
    const page = await store.events.after(workspaceId, events.at(-1)?.id ?? 0, EVENT_PAGE);
    events.push(...page);
    if (page.length < EVENT_PAGE) return events;
  }
}

/**
 * Each member's sector and organisation: as they are now, and for those who left, as the event
 * log last recorded them (their text stays in the plan and keeps counting for their sector).
 */
async function affiliations(
  store: Store,
  workspaceId: string,
  events: readonly WorkspaceEvent[],
): Promise<Map<string, Affiliation>> {
  const known = new Map<string, Affiliation>();
  for (const event of events) {
    if (event.type === "member.joined") {
      const { member } = event.payload as EventPayloads["member.joined"];
      known.set(member.userId, { sector: member.sector, organization: member.organization });
    } else if (event.type === "member.updated") {
      const { userId, sector } = event.payload as EventPayloads["member.updated"];
      const before = known.get(userId);
      known.set(userId, { sector, organization: before?.organization ?? null });
    }
  }
  for (const m of await store.memberships.list(workspaceId)) {
    known.set(m.userId, { sector: m.sector, organization: m.organization });
  }
  return known;
}

/**
 * Who wrote with each client id of the plan, from the bindings the collaboration server stored:
 * the member's name (null once they left) and their sector and organisation, as the record counts them.
 */
export async function planAuthors(deps: RecordDeps, workspaceId: string): Promise<PlanAuthor[]> {
  const { store } = deps;
  const affiliated = await affiliations(store, workspaceId, await allEvents(store, workspaceId));
  const names = new Map((await store.memberships.list(workspaceId)).map((m) => [m.userId, m.name]));
  const { authors } = await deps.planReads.planText(workspaceId);
  return [...authors].map(([clientId, userId]) => ({
    clientId,
    name: names.get(userId) ?? null,
    sector: affiliated.get(userId)?.sector ?? null,
    organization: affiliated.get(userId)?.organization ?? null,
  }));
}

/**
 * The record of co-creation of a workspace as it stands at `now`: plan text by sector and
 * organisation, comments and responses, votes, meetings and the timeline. Reads only what the
 * server recorded; answers no question of who may see it (the routes and the freeze decide).
 */
export async function computeRecord(
  deps: RecordDeps,
  workspaceId: string,
  now: Date,
): Promise<CocreationRecord> {
  const { store } = deps;
  const events = await allEvents(store, workspaceId);
  const members = await affiliations(store, workspaceId, events);
  const { byClient, authors, commitments } = await deps.planReads.planText(workspaceId);
  const minutes: Minutes[] = [];
  for (const meeting of await store.meetings.list(workspaceId)) {
    const recorded = await store.meetings.minutes(meeting.id);
    if (recorded) minutes.push(recorded);
  }
  const meetings = meetingsRecord(minutes);
  const current = new Set((await store.memberships.list(workspaceId)).map((m) => m.userId));
  const consenting = new Set<string>();
  for (const userId of current) {
    if (await store.publication.showName(workspaceId, userId)) consenting.add(userId);
  }
  return {
    schema: RECORD_SCHEMA,
    asOf: now.toISOString(),
    text: textRecord(byClient, authors, members, commitments),
    comments: commentsRecord(await store.comments.threads(workspaceId)),
    votes: votesRecord(await store.votes.list(workspaceId, {})),
    meetings,
    consultations: await consultationsRecord(store, workspaceId),
    timeline: timeline(
      events,
      await store.publication.roadmap(workspaceId),
      new Map(meetings.meetings.map((m) => [m.id, m.title])),
      (userId) => consenting.has(userId),
    ),
  };
}
