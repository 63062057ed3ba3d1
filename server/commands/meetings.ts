import { DEFAULT_LOCALE, LOCALES, type Locale } from "@shared/locales";
import type {
  AgendaBody,
  CheckInBody,
  CreateMeetingBody,
  DecisionBody,
  UpdateMeetingBody,
} from "@shared/meetingBodies";
import { type RunState, replayRun } from "@shared/meetingRun";
import {
  agendaTotals,
  COORDINATION_TEMPLATE,
  coordinationItems,
  type Meeting,
  type MeetingSummary,
} from "@shared/meetings";
import { badRequest, conflict, notFound } from "../errors";
import { commitWithEvents } from "../events/commit";
import type { Store } from "../store";
import { newId } from "../store/ids";
import type { MeetingRecord } from "../store/meetings";
import { type CommandDeps, requireMember } from "./access";

/** The meeting of this workspace, or 404. */
export async function findMeeting(
  store: Store,
  workspaceId: string,
  meetingId: string,
): Promise<MeetingRecord> {
  const meeting = await store.meetings.byId(workspaceId, meetingId);
  if (!meeting) throw notFound("Meeting");
  return meeting;
}

/** The run state, replayed from the recorded transitions. */
export const runState = async (store: Store, meetingId: string): Promise<RunState> =>
  replayRun((await store.meetings.items(meetingId)).length, await store.meetings.transitions(meetingId));

const summary = async (store: Store, record: MeetingRecord): Promise<MeetingSummary> => ({
  ...record,
  status: (await runState(store, record.id)).status,
});

/** The meeting with its agenda, totals, run, attendance and decisions. */
export async function toMeeting(store: Store, record: MeetingRecord): Promise<Meeting> {
  const items = await store.meetings.items(record.id);
  const run = replayRun(items.length, await store.meetings.transitions(record.id));
  return {
    ...record,
    status: run.status,
    items,
    totals: agendaTotals(items, record.plannedMinutes),
    run,
    attendance: await store.meetings.attendance(record.id),
    decisions: await store.meetings.decisions(record.id),
  };
}

/** The workspace's default language, as one the templates exist in. */
export const asLocale = (value: string | undefined): Locale =>
  LOCALES.find((locale) => locale === value) ?? DEFAULT_LOCALE;

const meetingEnded = () => conflict("meeting_ended", "The meeting has ended: its record no longer changes.");

/** Refuses changes to the record of a meeting that has ended. */
export async function requireNotEnded(store: Store, meetingId: string): Promise<void> {
  if ((await runState(store, meetingId)).status === "ended") throw meetingEnded();
}

/** Creates a meeting (facilitators) from the coordination template in `locale`, or blank. */
export async function createMeeting(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  body: CreateMeetingBody,
): Promise<Meeting> {
  return commitWithEvents(deps, async (store, emit, now) => {
    const { workspace } = await requireMember(store, workspaceId, actorId, "facilitator");
    const fromTemplate = body.template === "coordination";
    const plannedMinutes =
      body.plannedMinutes ?? (fromTemplate ? COORDINATION_TEMPLATE.plannedMinutes : null);
    if (plannedMinutes === null) {
      throw badRequest("invalid_body", "plannedMinutes: required for a blank meeting", [
        { path: "plannedMinutes", message: "required for a blank meeting" },
      ]);
    }
    const id = newId();
    await store.meetings.insert({
      id,
      workspaceId,
      title: body.title,
      startsAt: Date.parse(body.startsAt),
      place: body.place ?? "",
      link: body.link ?? "",
      plannedMinutes,
      createdBy: actorId,
      createdAt: now,
    });
    const locale = body.locale ?? asLocale(workspace.defaultLocale);
    const items = fromTemplate ? coordinationItems(locale).map((item) => ({ id: newId(), ...item })) : [];
    await store.meetings.replaceItems(id, items);
    const meeting = await toMeeting(store, await findMeeting(store, workspaceId, id));
    emit(workspaceId, actorId, "meeting.created", { meeting: await summary(store, meeting) });
    return meeting;
  });
}

/** The workspace's meetings, latest first (any member). */
export async function listMeetings(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
): Promise<MeetingSummary[]> {
  return deps.store.transaction(async (store) => {
    await requireMember(store, workspaceId, userId);
    return Promise.all(
      (await store.meetings.list(workspaceId)).map(async (record) => summary(store, record)),
    );
  });
}

/** One meeting (any member). */
export async function readMeeting(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  meetingId: string,
): Promise<Meeting> {
  return deps.store.transaction(async (store) => {
    await requireMember(store, workspaceId, userId);
    return toMeeting(store, await findMeeting(store, workspaceId, meetingId));
  });
}

/** Changes a meeting's details (facilitators; not after it ended). */
export async function updateMeeting(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  body: UpdateMeetingBody,
): Promise<Meeting> {
  return commitWithEvents(deps, async (store, emit) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    await findMeeting(store, workspaceId, meetingId);
    await requireNotEnded(store, meetingId);
    await store.meetings.update(meetingId, {
      ...body,
      startsAt: body.startsAt === undefined ? undefined : Date.parse(body.startsAt),
    });
    emit(workspaceId, actorId, "meeting.updated", { meetingId });
    return toMeeting(store, await findMeeting(store, workspaceId, meetingId));
  });
}

/**
 * Replaces the agenda (facilitators), only before the start: the run refers to items by their
 * place in the agenda, so the agenda of a started meeting stays as it was run.
 */
export async function replaceAgenda(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  body: AgendaBody,
): Promise<Meeting> {
  return commitWithEvents(deps, async (store, emit) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    await findMeeting(store, workspaceId, meetingId);
    if ((await runState(store, meetingId)).status !== "not_started") {
      throw conflict("meeting_started", "The agenda of a meeting that has started no longer changes.");
    }
    const existing = new Set((await store.meetings.items(meetingId)).map((item) => item.id));
    const ids = body.items.flatMap((item) => (item.id ? [item.id] : []));
    const unknown = ids.find((id) => !existing.has(id));
    if (unknown !== undefined || new Set(ids).size !== ids.length) {
      throw badRequest("invalid_body", "items: each id must be one of this agenda's items, once", [
        { path: "items", message: "each id must be one of this agenda's items, once" },
      ]);
    }
    await store.meetings.replaceItems(
      meetingId,
      body.items.map((item) => ({
        id: item.id ?? newId(),
        title: item.title,
        description: item.description ?? "",
        minutes: item.minutes,
        lead: item.lead ?? "",
        kind: item.kind,
      })),
    );
    emit(workspaceId, actorId, "meeting.updated", { meetingId });
    return toMeeting(store, await findMeeting(store, workspaceId, meetingId));
  });
}

/**
 * Checks a member in, in the room or remote, with their current sector: themself (commenters
 * and up), or anyone (facilitators). Checking in again changes the presence.
 */
export async function checkIn(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  body: CheckInBody,
): Promise<Meeting> {
  return commitWithEvents(deps, async (store, emit, now) => {
    const userId = body.userId ?? actorId;
    await requireMember(store, workspaceId, actorId, userId === actorId ? "commenter" : "facilitator");
    await findMeeting(store, workspaceId, meetingId);
    await requireNotEnded(store, meetingId);
    const attendee = await store.memberships.get(workspaceId, userId);
    if (!attendee) throw notFound("Member");
    await store.meetings.checkIn({
      meetingId,
      userId,
      presence: body.presence,
      sector: attendee.sector,
      checkedInBy: actorId,
      at: now,
    });
    emit(workspaceId, actorId, "meeting.attendance_changed", { meetingId, userId });
    return toMeeting(store, await findMeeting(store, workspaceId, meetingId));
  });
}

/** Records a decision or a next step (facilitators; not after the end). */
export async function addDecision(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  body: DecisionBody,
): Promise<Meeting> {
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    await findMeeting(store, workspaceId, meetingId);
    await requireNotEnded(store, meetingId);
    await store.meetings.addDecision({
      id: newId(),
      meetingId,
      kind: body.kind,
      what: body.what,
      who: body.who ?? "",
      dueDate: body.dueDate ?? null,
      createdBy: actorId,
      at: now,
    });
    emit(workspaceId, actorId, "meeting.decisions_changed", { meetingId });
    return toMeeting(store, await findMeeting(store, workspaceId, meetingId));
  });
}

/** Removes a decision recorded by mistake (facilitators; not after the end). */
export async function removeDecision(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  decisionId: string,
): Promise<Meeting> {
  return commitWithEvents(deps, async (store, emit) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    await findMeeting(store, workspaceId, meetingId);
    await requireNotEnded(store, meetingId);
    if (!(await store.meetings.removeDecision(meetingId, decisionId))) throw notFound("Decision");
    emit(workspaceId, actorId, "meeting.decisions_changed", { meetingId });
    return toMeeting(store, await findMeeting(store, workspaceId, meetingId));
  });
}
