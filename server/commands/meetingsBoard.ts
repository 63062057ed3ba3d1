import type {
  CardBody,
  CategoryBody,
  EditCardBody,
  MoveCardBody,
  RenameCategoryBody,
} from "@shared/meetingBodies";
import type { AgendaItem, BoardResponse, Card, Category } from "@shared/meetings";
import { ApiException, badRequest, conflict, notFound } from "../errors";
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
 *
 * Who may change what: a card's author rewrites or removes it (while private, nobody else even
 * knows it exists); after the reveal a facilitator may too, to merge duplicates or take out what
 * does not belong. Categories are the group's: like creating them and sorting, renaming and
 * deleting them is open to commenters and up; deleting one loses no card, its cards go back to
 * unsorted. Nothing on the board changes once the meeting has ended.
 */

async function findBrainstormItem(store: Store, meetingId: string, itemId: string): Promise<AgendaItem> {
  const item = (await store.meetings.items(meetingId)).find((candidate) => candidate.id === itemId);
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

/** Someone else's private card does not exist for this member: 404, like an unknown id. */
async function findVisibleCard(
  store: Store,
  actorId: string,
  meetingId: string,
  cardId: string,
): Promise<CardRecord> {
  const card = await store.meetings.card(meetingId, cardId);
  if (!card || visibleCard(card, actorId) === null) throw notFound("Card");
  return card;
}

/** The card `actorId` may rewrite or remove: their own, or (facilitators) any revealed card. */
async function changeableCard(
  store: Store,
  actorId: string,
  isFacilitator: boolean,
  meetingId: string,
  cardId: string,
) {
  const card = await findVisibleCard(store, actorId, meetingId, cardId);
  if (card.authorId !== actorId && !isFacilitator) {
    throw new ApiException(403, "not_card_author", "Only the card's author or a facilitator may change it.");
  }
  return card;
}

/** What an event may say of a card's change: while it is private, neither who nor which. */
const cardEvent = (card: CardRecord, actorId: string) =>
  card.revealedAt === null ? { actor: null, cardId: null } : { actor: actorId, cardId: card.id };

/** Opens a board change: the member's role, the meeting, not ended. Returns the membership. */
async function requireBoardChange(store: Store, actorId: string, workspaceId: string, meetingId: string) {
  const { membership } = await requireMember(store, workspaceId, actorId, "commenter");
  await findMeeting(store, workspaceId, meetingId);
  await requireNotEnded(store, meetingId);
  return membership;
}

/** The board as this member may see it (any member). */
export async function readBoard(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  meetingId: string,
  itemId: string,
): Promise<BoardResponse> {
  return deps.store.transaction(async (store) => {
    await requireMember(store, workspaceId, userId);
    await findMeeting(store, workspaceId, meetingId);
    const item = await findBrainstormItem(store, meetingId, itemId);
    const cards = await store.meetings.cards(itemId);
    return {
      itemId,
      revealed: item.revealedAt !== null,
      cards: cards.flatMap((card) => visibleCard(card, userId) ?? []),
      categories: await store.meetings.categories(itemId),
      privateCount: privateCount(cards),
    };
  });
}

/** Adds a card (commenters and up), private until the reveal. Answers with the author's view of it. */
export async function addCard(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  body: CardBody,
): Promise<Card> {
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireBoardChange(store, actorId, workspaceId, meetingId);
    const item = await findBrainstormItem(store, meetingId, body.itemId);
    const record: CardRecord = {
      id: newId(),
      itemId: item.id,
      authorId: actorId,
      text: body.text,
      categoryId: null,
      revealedAt: item.revealedAt === null ? null : now,
      createdAt: now,
    };
    await store.meetings.addCard(record);
    // No actor: even who is writing stays with the card's row until the board is revealed.
    emit(workspaceId, null, "meeting.card_added", {
      meetingId,
      itemId: item.id,
      privateCount: privateCount(await store.meetings.cards(item.id)),
    });
    const card = visibleCard(record, actorId);
    if (!card) throw new Error("a card is always visible to its author");
    return card;
  });
}

/** Reveals every card of the item's board to all (facilitators). */
export async function revealBoard(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  itemId: string,
): Promise<{ revealed: number }> {
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    await findMeeting(store, workspaceId, meetingId);
    await requireNotEnded(store, meetingId);
    await findBrainstormItem(store, meetingId, itemId);
    const revealed = await store.meetings.reveal(itemId, now);
    emit(workspaceId, actorId, "meeting.cards_revealed", { meetingId, itemId, revealed });
    return { revealed };
  });
}

/** Creates a category on the item's board (commenters and up: the group sorts together). */
export async function addCategory(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  body: CategoryBody,
): Promise<Category> {
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireBoardChange(store, actorId, workspaceId, meetingId);
    await findBrainstormItem(store, meetingId, body.itemId);
    const id = newId();
    await store.meetings.addCategory({
      id,
      itemId: body.itemId,
      name: body.name,
      createdBy: actorId,
      at: now,
    });
    const category = await store.meetings.category(body.itemId, id);
    if (!category) throw new Error(`category ${id} not found right after writing it`);
    emit(workspaceId, actorId, "meeting.category_added", { meetingId, category });
    return category;
  });
}

/** Moves a revealed card into a category of its board, or out of all with null (commenters and up). */
export async function moveCard(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  cardId: string,
  body: MoveCardBody,
): Promise<Card> {
  return commitWithEvents(deps, async (store, emit) => {
    await requireBoardChange(store, actorId, workspaceId, meetingId);
    const card = await findVisibleCard(store, actorId, meetingId, cardId);
    if (card.revealedAt === null) throw conflict("card_private", "Cards are sorted after the reveal.");
    if (body.categoryId !== null && !(await store.meetings.category(card.itemId, body.categoryId))) {
      throw badRequest("invalid_body", "categoryId: not a category of this board", [
        { path: "categoryId", message: "not a category of this board" },
      ]);
    }
    await store.meetings.moveCard(cardId, body.categoryId);
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

/** Rewrites a card (its author; after the reveal, a facilitator too). */
export async function editCard(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  cardId: string,
  body: EditCardBody,
): Promise<Card> {
  return commitWithEvents(deps, async (store, emit) => {
    const membership = await requireBoardChange(store, actorId, workspaceId, meetingId);
    const card = await changeableCard(store, actorId, membership.role === "facilitator", meetingId, cardId);
    await store.meetings.editCard(cardId, body.text);
    const { actor, cardId: shownId } = cardEvent(card, actorId);
    emit(workspaceId, actor, "meeting.card_edited", { meetingId, itemId: card.itemId, cardId: shownId });
    const edited = visibleCard({ ...card, text: body.text }, actorId);
    if (!edited) throw new Error("a card its reader may change is visible to them");
    return edited;
  });
}

/** Removes a card (its author; after the reveal, a facilitator too). */
export async function deleteCard(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  cardId: string,
): Promise<void> {
  await commitWithEvents(deps, async (store, emit) => {
    const membership = await requireBoardChange(store, actorId, workspaceId, meetingId);
    const card = await changeableCard(store, actorId, membership.role === "facilitator", meetingId, cardId);
    await store.meetings.deleteCard(cardId);
    const { actor, cardId: shownId } = cardEvent(card, actorId);
    emit(workspaceId, actor, "meeting.card_deleted", {
      meetingId,
      itemId: card.itemId,
      cardId: shownId,
      privateCount: privateCount(await store.meetings.cards(card.itemId)),
    });
  });
}

async function findCategory(store: Store, meetingId: string, categoryId: string): Promise<Category> {
  const category = await store.meetings.categoryOf(meetingId, categoryId);
  if (!category) throw notFound("Category");
  return category;
}

/** Renames a category (commenters and up). */
export async function renameCategory(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  categoryId: string,
  body: RenameCategoryBody,
): Promise<Category> {
  return commitWithEvents(deps, async (store, emit) => {
    await requireBoardChange(store, actorId, workspaceId, meetingId);
    const category = { ...(await findCategory(store, meetingId, categoryId)), name: body.name };
    await store.meetings.renameCategory(categoryId, body.name);
    emit(workspaceId, actorId, "meeting.category_renamed", { meetingId, category });
    return category;
  });
}

/** Deletes a category (commenters and up); its cards go back to unsorted. */
export async function deleteCategory(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  categoryId: string,
): Promise<void> {
  await commitWithEvents(deps, async (store, emit) => {
    await requireBoardChange(store, actorId, workspaceId, meetingId);
    const { itemId } = await findCategory(store, meetingId, categoryId);
    await store.meetings.deleteCategory(categoryId);
    emit(workspaceId, actorId, "meeting.category_deleted", { meetingId, itemId, categoryId });
  });
}
