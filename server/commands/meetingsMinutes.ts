import { meetingDocName } from "@shared/collab";
import { actualMinutes } from "@shared/meetingRun";
import { type Minutes, notesFragmentName } from "@shared/meetings";
import { SECTORS } from "@shared/roles";
import * as Y from "yjs";
import type { Store } from "../store";
import type { DocumentStore } from "../store/documents";
import { toIso, toIsoOrNull } from "../store/ids";
import type { MeetingRecord } from "../store/meetings";
import { type CommandDeps, requireMember } from "./access";
import { findMeeting, runState, toMeeting } from "./meetings";
import { listVotes } from "./votes";

/** Plain text of a rich-text fragment: one line per block. */
function fragmentText(node: Y.XmlFragment | Y.XmlElement): string {
  return node
    .toArray()
    .map((child) => {
      if (child instanceof Y.XmlText) {
        return (child.toDelta() as { insert: unknown }[])
          .map((op) => (typeof op.insert === "string" ? op.insert : ""))
          .join("");
      }
      return child instanceof Y.XmlElement ? fragmentText(child) : "";
    })
    .filter((line) => line.length > 0)
    .join("\n");
}

/** Each item's shared notes, read from what the collaboration server has stored. */
async function readNotes(
  documents: DocumentStore,
  meetingId: string,
  itemIds: string[],
): Promise<Map<string, string>> {
  const stored = await documents.load(meetingDocName(meetingId));
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    return new Map(itemIds.map((id) => [id, fragmentText(doc.getXmlFragment(notesFragmentName(id)))]));
  } finally {
    doc.destroy();
  }
}

/** What the minutes commands need: the tables, the event relay and the documents' storage. */
export type MinutesDeps = CommandDeps & { documents: DocumentStore };

/** What the minutes take from outside the meeting's own tables: each item's notes, the linked votes. */
export interface MinutesSources {
  notes: Map<string, string>;
  votes: Minutes["votes"];
}

/**
 * Reads the notes and the linked votes as they stand, before the transaction that composes the
 * minutes (document storage is asynchronous). The collaboration server stores each update before
 * relaying it, so the notes hold everything anyone has seen; an edit still in flight counts as later.
 */
export async function minutesSources(
  deps: MinutesDeps,
  userId: string,
  workspaceId: string,
  meetingId: string,
): Promise<MinutesSources> {
  const votes = (await listVotes(deps, userId, workspaceId, { meetingId })).map(
    ({ id, title, kind, status, ballots, eligible }) => ({ id, title, kind, status, ballots, eligible }),
  );
  const itemIds = (await deps.store.meetings.items(meetingId)).map((item) => item.id);
  return { notes: await readNotes(deps.documents, meetingId, itemIds), votes };
}

/**
 * Composes the minutes, in the caller's transaction, from what happened: planned vs actual
 * minutes per item (replayed from the recorded run transitions), notes, the revealed brainstorm
 * cards by category, decisions and next steps, attendance by sector, and the linked votes.
 * Private cards never appear; an unrevealed board shows nothing.
 */
export async function composeMinutes(
  store: Store,
  record: MeetingRecord,
  sources: MinutesSources,
  now: number,
  recordedAt: string | null,
): Promise<Minutes> {
  const meeting = await toMeeting(store, record);
  const actual = actualMinutes(meeting.run, meeting.run.endedAt ?? now);
  const { items: _items, run, attendance, decisions, totals, ...summary } = meeting;
  return {
    recordedAt,
    meeting: summary,
    startedAt: toIsoOrNull(run.startedAt),
    endedAt: toIsoOrNull(run.endedAt),
    totals,
    actualTotalMinutes: Math.round(actual.reduce((sum, m) => sum + m, 0) * 10) / 10,
    items: await Promise.all(
      meeting.items.map(async (item, i) => {
        const cards = (await store.meetings.cards(item.id)).filter((card) => card.revealedAt !== null);
        return {
          id: item.id,
          title: item.title,
          lead: item.lead,
          plannedMinutes: item.minutes,
          actualMinutes: actual[i] ?? 0,
          notes: sources.notes.get(item.id) ?? "",
          categories: (await store.meetings.categories(item.id)).map((category) => ({
            name: category.name,
            cards: cards.filter((card) => card.categoryId === category.id).map((card) => card.text),
          })),
          uncategorised: cards.filter((card) => card.categoryId === null).map((card) => card.text),
        };
      }),
    ),
    decisions,
    attendance: SECTORS.flatMap((sector) => {
      const people = attendance
        .filter((person) => person.sector === sector)
        .map(({ name, presence }) => ({ name, presence }));
      return people.length > 0 ? [{ sector, people }] : [];
    }),
    votes: sources.votes,
  };
}

/**
 * The minutes of a meeting (any member): once it has ended, the minutes recorded with the end,
 * whatever was edited since; before, a provisional view composed now. A meeting that ended before
 * minutes were recorded with the end (migration 007) has them recorded at their first reading, so
 * from then on they stop changing too.
 */
export async function meetingMinutes(
  deps: MinutesDeps,
  userId: string,
  workspaceId: string,
  meetingId: string,
): Promise<Minutes> {
  const { store } = deps;
  const recorded = await store.transaction(async (store) => {
    await requireMember(store, workspaceId, userId);
    await findMeeting(store, workspaceId, meetingId);
    return store.meetings.minutes(meetingId);
  });
  if (recorded) return recorded;
  const sources = await minutesSources(deps, userId, workspaceId, meetingId);
  return store.transaction(async (store) => {
    // The meeting may have ended, and its minutes been recorded, while the notes were read.
    const recordedMeanwhile = await store.meetings.minutes(meetingId);
    if (recordedMeanwhile) return recordedMeanwhile;
    const record = await findMeeting(store, workspaceId, meetingId);
    const now = Date.now();
    if ((await runState(store, meetingId)).status !== "ended")
      return composeMinutes(store, record, sources, now, null);
    const minutes = await composeMinutes(store, record, sources, now, toIso(now));
    await store.meetings.recordMinutes({ meetingId, minutes, at: now, recordedBy: userId });
    return minutes;
  });
}
