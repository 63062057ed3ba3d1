import { meetingDocName } from "@shared/collab";
import { actualMinutes } from "@shared/meetingRun";
import { type Minutes, notesFragmentName } from "@shared/meetings";
import { SECTORS } from "@shared/roles";
import * as Y from "yjs";
import type { DocumentStore } from "../store/documents";
import { toIsoOrNull } from "../store/ids";
import { type CommandDeps, requireMember } from "./access";
import { findMeeting, toMeeting } from "./meetings";
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

/**
 * The minutes of a meeting (any member), computed from what happened: planned vs actual
 * minutes per item (replayed from the recorded run transitions), notes, the revealed brainstorm
 * cards by category, decisions and next steps, attendance by sector, and the votes linked to it.
 * Private cards never appear; an unrevealed board shows nothing.
 */
export async function meetingMinutes(
  deps: CommandDeps & { documents: DocumentStore },
  userId: string,
  workspaceId: string,
  meetingId: string,
): Promise<Minutes> {
  const { store } = deps;
  const { meeting, cardsByItem, now } = store.transaction(() => {
    requireMember(store, workspaceId, userId);
    const record = findMeeting(store, workspaceId, meetingId);
    const full = toMeeting(store, record);
    return {
      meeting: full,
      cardsByItem: new Map(
        full.items.map((item) => [
          item.id,
          {
            cards: store.meetings.cards(item.id).filter((card) => card.revealedAt !== null),
            categories: store.meetings.categories(item.id),
          },
        ]),
      ),
      now: Date.now(),
    };
  });
  const votes = listVotes(deps, userId, workspaceId, { meetingId });
  const notes = await readNotes(
    deps.documents,
    meetingId,
    meeting.items.map((item) => item.id),
  );
  const actual = actualMinutes(meeting.run, meeting.run.endedAt ?? now);
  const { items: _items, run, attendance, decisions, totals, ...summary } = meeting;
  return {
    meeting: summary,
    startedAt: toIsoOrNull(run.startedAt),
    endedAt: toIsoOrNull(run.endedAt),
    totals,
    actualTotalMinutes: Math.round(actual.reduce((sum, m) => sum + m, 0) * 10) / 10,
    items: meeting.items.map((item, i) => {
      const board = cardsByItem.get(item.id) ?? { cards: [], categories: [] };
      return {
        id: item.id,
        title: item.title,
        lead: item.lead,
        plannedMinutes: item.minutes,
        actualMinutes: actual[i] ?? 0,
        notes: notes.get(item.id) ?? "",
        categories: board.categories.map((category) => ({
          name: category.name,
          cards: board.cards.filter((card) => card.categoryId === category.id).map((card) => card.text),
        })),
        uncategorised: board.cards.filter((card) => card.categoryId === null).map((card) => card.text),
      };
    }),
    decisions,
    attendance: SECTORS.flatMap((sector) => {
      const people = attendance
        .filter((person) => person.sector === sector)
        .map(({ name, presence }) => ({ name, presence }));
      return people.length > 0 ? [{ sector, people }] : [];
    }),
    votes: votes.map(({ id, title, kind, status, ballots, eligible }) => ({
      id,
      title,
      kind,
      status,
      ballots,
      eligible,
    })),
  };
}
