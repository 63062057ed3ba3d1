import type { EventPayloads } from "@shared/events";
import { addCommitment, appendParagraphs, planDocName } from "@shared/plan";
import { type AppContext, DocumentTooLarge } from "../context";
import { ApiException, conflict, notFound } from "../errors";
import { commitWithEvents } from "../events/commit";
import type { Store } from "../store";
import { type CommandDeps, requireMember } from "./access";
import { findMeeting } from "./meetings";

/**
 * A brainstorm idea becomes a candidate commitment in one step: a revealed card gives the title;
 * a category gives the title and its cards become the problem field's paragraphs. The commitment
 * is appended to the live plan document through the collaboration server, so everyone editing
 * the plan sees it at once.
 */

type Deps = CommandDeps & Pick<AppContext, "documents">;

/** What the new commitment is made from. */
export type CommitmentSource = EventPayloads["meeting.commitment_created"]["source"];

interface Draft {
  itemId: string;
  title: string;
  problem: string[];
  maxCommitments: number;
}

type Found = Omit<Draft, "maxCommitments">;

async function cardDraft(store: Store, actorId: string, meetingId: string, cardId: string): Promise<Found> {
  const card = await store.meetings.card(meetingId, cardId);
  // Someone else's private card does not exist for this member.
  if (!card || (card.revealedAt === null && card.authorId !== actorId)) throw notFound("Card");
  if (card.revealedAt === null) {
    throw conflict("card_private", "A card becomes a commitment after the reveal.");
  }
  return { itemId: card.itemId, title: card.text, problem: [] };
}

async function categoryDraft(store: Store, meetingId: string, categoryId: string): Promise<Found> {
  const category = await store.meetings.categoryOf(meetingId, categoryId);
  if (!category) throw notFound("Category");
  const cards = (await store.meetings.cards(category.itemId)).filter(
    (card) => card.categoryId === category.id && card.revealedAt !== null,
  );
  return { itemId: category.itemId, title: category.name, problem: cards.map((card) => card.text) };
}

/**
 * Appends a candidate commitment made from a brainstorm card or category to the workspace's plan
 * (plan writers: drafters and facilitators), refusing with 409 `commitment_limit` when the plan
 * already holds the workspace's maxCommitments and with 413 `document_too_large` when the plan
 * would pass its maximum size, and records `meeting.commitment_created`.
 * Resolves with the new commitment's id.
 */
export async function commitmentFromBrainstorm(
  deps: Deps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  source: CommitmentSource,
): Promise<{ commitmentId: string }> {
  const { store } = deps;
  const draft: Draft = await store.transaction(async (store) => {
    const { workspace } = await requireMember(store, workspaceId, actorId, "drafter");
    await findMeeting(store, workspaceId, meetingId);
    const found =
      source.kind === "card"
        ? await cardDraft(store, actorId, meetingId, source.cardId)
        : await categoryDraft(store, meetingId, source.categoryId);
    return { ...found, maxCommitments: workspace.maxCommitments };
  });
  // The limit is checked on the live document, inside the change: two requests at once cannot both pass.
  const commitmentId = await deps.documents
    .change(planDocName(workspaceId), actorId, (doc) => {
      const commitment = addCommitment(doc, draft.maxCommitments);
      if (!commitment) return null;
      commitment.text("title")?.insert(0, draft.title);
      const problem = commitment.richText("problem");
      if (problem && draft.problem.length > 0) appendParagraphs(problem, draft.problem);
      return commitment.id;
    })
    .catch((error: unknown) => {
      if (!(error instanceof DocumentTooLarge)) throw error;
      throw new ApiException(413, "document_too_large", "The plan has reached its maximum size.");
    });
  if (commitmentId === null) {
    throw conflict(
      "commitment_limit",
      `The plan already has its maximum of ${draft.maxCommitments} commitments.`,
    );
  }
  await commitWithEvents(deps, async (_store, emit) =>
    emit(workspaceId, actorId, "meeting.commitment_created", {
      meetingId,
      itemId: draft.itemId,
      commitmentId,
      source,
    }),
  );
  return { commitmentId };
}
