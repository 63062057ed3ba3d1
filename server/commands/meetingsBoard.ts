import type { CardBody, CategoryBody, MoveCardBody } from "@shared/meetingBodies";
import type { AgendaItem, BoardResponse, Card, Category } from "@shared/meetings";
import { badRequest, conflict, notFound } from "../errors";
import { commitWithEvents } from "../events/commit";
import type { Store } from "../store";
import { newId, toIso } from "../store/ids";
import type { CardRecord } from "../store/meetings";
import { type CommandDeps, requireMember } from "./access";
import { findMeeting, requireNotEnded } from "./meetings";

/**
 * The brainstorm board of an activity item, following the guide: everyone first writes alone
 * (cards are private to their author: no API answer and no event carries another member's
 * private card), the facilitator reveals the board, then the group sorts the cards into
 * categories together. Cards written after the reveal are visible at once.
 */

function findBrainstormItem(store: Store, meetingId: string, itemId: string): AgendaItem {
  const item = store.meetings.items(meetingId).find((candidate) => candidate.id === itemId);
  if (!item) throw notFound("Agenda item");
  if (item.kind !== "brainstorm")
    throw conflict("not_a_brainstorm", "This agenda item has no brainstorm board.");
  return item;
}

const privateCount = (cards: CardRecord[]): number => cards.filter((card) => card.revealedAt === null).length;

/** A card as `readerId` may see it; null for someone else's private card. */
function visibleCard(card: CardRecord, readerId: string): Card | null {
  if (card.revealedAt === null && card.authorId !== readerId) return null;
  return {
    id: card.id,
    itemId: card.itemId,
    text: card.text,
    mine: card.authorId === readerId,
    categoryId: card.categoryId,
    revealed: card.revealedAt !== null,
    createdAt: toIso(card.createdAt),
  };
}

/** The board as this member may see it (any member). */
export function readBoard(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  meetingId: string,
  itemId: string,
): BoardResponse {
  return deps.store.transaction(() => {
    const { store } = deps;
    requireMember(store, workspaceId, userId);
    findMeeting(store, workspaceId, meetingId);
    const item = findBrainstormItem(store, meetingId, itemId);
    const cards = store.meetings.cards(itemId);
    return {
      itemId,
      revealed: item.revealedAt !== null,
      cards: cards.flatMap((card) => visibleCard(card, userId) ?? []),
      categories: store.meetings.categories(itemId),
      privateCount: privateCount(cards),
    };
  });
}

/** Adds a card (commenters and up), private until the reveal. Answers with the author's view of it. */
export function addCard(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  body: CardBody,
): Card {
  return commitWithEvents(deps, (emit, now) => {
    const { store } = deps;
    requireMember(store, workspaceId, actorId, "commenter");
    findMeeting(store, workspaceId, meetingId);
    requireNotEnded(store, meetingId);
    const item = findBrainstormItem(store, meetingId, body.itemId);
    const record: CardRecord = {
      id: newId(),
      itemId: item.id,
      authorId: actorId,
      text: body.text,
      categoryId: null,
      revealedAt: item.revealedAt === null ? null : now,
      createdAt: now,
    };
    store.meetings.addCard(record);
    // No actor: even who is writing stays with the card's row until the board is revealed.
    emit(workspaceId, null, "meeting.card_added", {
      meetingId,
      itemId: item.id,
      privateCount: privateCount(store.meetings.cards(item.id)),
    });
    const card = visibleCard(record, actorId);
    if (!card) throw new Error("a card is always visible to its author");
    return card;
  });
}

/** Reveals every card of the item's board to all (facilitators). */
export function revealBoard(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  itemId: string,
): { revealed: number } {
  return commitWithEvents(deps, (emit, now) => {
    const { store } = deps;
    requireMember(store, workspaceId, actorId, "facilitator");
    findMeeting(store, workspaceId, meetingId);
    requireNotEnded(store, meetingId);
    findBrainstormItem(store, meetingId, itemId);
    const revealed = store.meetings.reveal(itemId, now);
    emit(workspaceId, actorId, "meeting.cards_revealed", { meetingId, itemId, revealed });
    return { revealed };
  });
}

/** Creates a category on the item's board (commenters and up: the group sorts together). */
export function addCategory(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  body: CategoryBody,
): Category {
  return commitWithEvents(deps, (emit, now) => {
    const { store } = deps;
    requireMember(store, workspaceId, actorId, "commenter");
    findMeeting(store, workspaceId, meetingId);
    requireNotEnded(store, meetingId);
    findBrainstormItem(store, meetingId, body.itemId);
    const id = newId();
    store.meetings.addCategory({ id, itemId: body.itemId, name: body.name, createdBy: actorId, at: now });
    const category = store.meetings.category(body.itemId, id);
    if (!category) throw new Error(`category ${id} not found right after writing it`);
    emit(workspaceId, actorId, "meeting.category_added", { meetingId, category });
    return category;
  });
}

/** Moves a revealed card into a category of its board, or out of all with null (commenters and up). */
export function moveCard(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  cardId: string,
  body: MoveCardBody,
): Card {
  return commitWithEvents(deps, (emit) => {
    const { store } = deps;
    requireMember(store, workspaceId, actorId, "commenter");
    findMeeting(store, workspaceId, meetingId);
    requireNotEnded(store, meetingId);
    const card = store.meetings.card(meetingId, cardId);
    // Someone else's private card does not exist for this member.
    if (!card || visibleCard(card, actorId) === null) throw notFound("Card");
    if (card.revealedAt === null) throw conflict("card_private", "Cards are sorted after the reveal.");
    if (body.categoryId !== null && !store.meetings.category(card.itemId, body.categoryId)) {
      throw badRequest("invalid_body", "categoryId: not a category of this board", [
        { path: "categoryId", message: "not a category of this board" },
      ]);
    }
    store.meetings.moveCard(cardId, body.categoryId);
    emit(workspaceId, actorId, "meeting.card_moved", {
      meetingId,
      itemId: card.itemId,
      cardId,
      categoryId: body.categoryId,
    });
    const moved = visibleCard({ ...card, categoryId: body.categoryId }, actorId);
    if (!moved) throw new Error("a revealed card is visible to every member");
    return moved;
  });
}
