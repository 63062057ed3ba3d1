import type { Membership } from "@shared/api";
import type { CommentBody, HideBody, OpenThreadBody, RespondBody } from "@shared/commentBodies";
import {
  type CommentSummary,
  commitmentOfField,
  type ReasonedResponse,
  type Thread,
  type ThreadComment,
  type ThreadFilter,
  type ThreadStatus,
  type ThreadTarget,
} from "@shared/comments";
import type { Role } from "@shared/roles";
import { ApiException, badRequest, conflict, notFound } from "../errors";
import { commitWithEvents, type Emit } from "../events/commit";
import type { Store } from "../store";
import type { CommentRecord, ResponseRecord, ThreadBundle } from "../store/comments";
import { newId, toIso, toIsoOrNull } from "../store/ids";
import { type CommandDeps, requireMember } from "./access";

/** Who reads a thread decides whether withdrawn and hidden words are shown to them. */
interface Reader {
  userId: string;
  role: Membership["role"];
}

const reasonRequired = (what: string) =>
  badRequest("reason_required", `${what} needs a written reason.`, [{ path: "reason", message: "required" }]);

const notAuthor = () => new ApiException(403, "not_author", "Only the author of a comment may do this.");

function toComment(record: CommentRecord, edits: ThreadBundle["edits"], reader: Reader): ThreadComment {
  const redacted =
    (record.withdrawnAt !== null || record.hidden !== null) && !mayReadRedacted(record, reader);
  return {
    id: record.id,
    threadId: record.threadId,
    author: { userId: record.authorId, name: record.authorName, sector: record.authorSector },
    body: redacted ? null : record.body,
    createdAt: toIso(record.createdAt),
    editedAt: toIsoOrNull(record.editedAt),
    edits: redacted
      ? []
      : edits
          .filter((edit) => edit.commentId === record.id)
          .map((edit) => ({ body: edit.previousBody, editedAt: toIso(edit.editedAt) })),
    withdrawnAt: toIsoOrNull(record.withdrawnAt),
    hidden: record.hidden && { ...record.hidden, at: toIso(record.hidden.at) },
  };
}

/** Facilitators review what they hide; authors keep seeing what they withdrew (not what was hidden). */
const mayReadRedacted = (record: CommentRecord, reader: Reader): boolean =>
  reader.role === "facilitator" || (record.hidden === null && record.authorId === reader.userId);

const toResponse = (record: ResponseRecord): ReasonedResponse => ({
  id: record.id,
  status: record.status,
  reason: record.reason,
  author: { userId: record.authorId, name: record.authorName, sector: record.authorSector },
  createdAt: toIso(record.createdAt),
});

/** A thread needs a response while its opening comment stands (not withdrawn, not hidden). */
const isOpen = (bundle: ThreadBundle): boolean => {
  const first = bundle.comments[0];
  return first !== undefined && first.withdrawnAt === null && first.hidden === null;
};

const statusOf = (bundle: ThreadBundle): ThreadStatus => bundle.responses.at(-1)?.status ?? "awaiting";

function toThread(bundle: ThreadBundle, reader: Reader): Thread {
  return {
    id: bundle.thread.id,
    workspaceId: bundle.thread.workspaceId,
    target: bundle.thread.target,
    createdAt: toIso(bundle.thread.createdAt),
    status: statusOf(bundle),
    open: isOpen(bundle),
    comments: bundle.comments.map((comment) => toComment(comment, bundle.edits, reader)),
    responses: bundle.responses.map(toResponse),
  };
}

async function findThread(store: Store, workspaceId: string, threadId: string): Promise<ThreadBundle> {
  const bundle = await store.comments.thread(workspaceId, threadId);
  if (!bundle) throw notFound("Thread");
  return bundle;
}

function findComment(bundle: ThreadBundle, commentId: string): CommentRecord {
  const comment = bundle.comments.find((c) => c.id === commentId);
  if (!comment) throw notFound("Comment");
  return comment;
}

/** The thread as `userId` reads it now. */
async function readBack(
  store: Store,
  workspaceId: string,
  threadId: string,
  reader: Reader,
): Promise<Thread> {
  return toThread(await findThread(store, workspaceId, threadId), reader);
}

const readerOf = (membership: Membership): Reader => ({ userId: membership.userId, role: membership.role });

type CommentIds = { threadId: string; commentId: string };

/** Writes a comment by `author` on the thread, under the sector they speak for now; returns its id. */
async function insertComment(
  store: Store,
  threadId: string,
  author: Membership,
  body: string,
  now: number,
): Promise<string> {
  const id = newId();
  await store.comments.insertComment({
    id,
    threadId,
    authorId: author.userId,
    authorSector: author.sector,
    body,
    createdAt: now,
  });
  return id;
}

/**
 * Runs `act` on an existing thread for a member holding at least `minimum`, in one commit with its
 * events, and returns the thread as that member reads it afterwards.
 */
async function actOnThread(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  threadId: string,
  minimum: Role,
  act: (store: Store, bundle: ThreadBundle, member: Membership, emit: Emit, now: number) => Promise<void>,
): Promise<Thread> {
  return commitWithEvents(deps, async (store, emit, now) => {
    const { membership } = await requireMember(store, workspaceId, actorId, minimum);
    await act(store, await findThread(store, workspaceId, threadId), membership, emit, now);
    return readBack(store, workspaceId, threadId, readerOf(membership));
  });
}

/** {@link actOnThread} for one comment of the thread. */
const actOnComment = async (
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  ids: CommentIds,
  minimum: Role,
  act: (store: Store, comment: CommentRecord, emit: Emit, now: number) => Promise<void>,
): Promise<Thread> =>
  actOnThread(deps, actorId, workspaceId, ids.threadId, minimum, (store, bundle, _member, emit, now) =>
    act(store, findComment(bundle, ids.commentId), emit, now),
  );

/** Opens a thread on the plan, a commitment or a passage (commenters and up) with its first comment. */
export async function openThread(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  body: OpenThreadBody,
): Promise<Thread> {
  return commitWithEvents(deps, async (store, emit, now) => {
    const { membership } = await requireMember(store, workspaceId, actorId, "commenter");
    const target: ThreadTarget =
      body.target === "text"
        ? {
            kind: "text",
            field: body.field,
            commitmentId: commitmentOfField(body.field),
            start: body.start,
            end: body.end,
            quote: body.quote,
          }
        : body.target === "commitment"
          ? { kind: "commitment", commitmentId: body.commitmentId }
          : { kind: "plan" };
    const threadId = newId();
    await store.comments.insertThread({ id: threadId, workspaceId, target, createdAt: now });
    const commentId = await insertComment(store, threadId, membership, body.body, now);
    emit(workspaceId, actorId, "comment.created", { threadId, commentId });
    return readBack(store, workspaceId, threadId, { userId: actorId, role: "viewer" });
  });
}

/** Adds a reply to a thread (commenters and up). */
export async function reply(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  threadId: string,
  body: CommentBody,
): Promise<Thread> {
  return actOnThread(
    deps,
    actorId,
    workspaceId,
    threadId,
    "commenter",
    async (store, _bundle, member, emit, now) => {
      const commentId = await insertComment(store, threadId, member, body.body, now);
      emit(workspaceId, actorId, "comment.replied", { threadId, commentId });
    },
  );
}

/**
 * Runs a change on one of the actor's own comments (commenters and up): refused for others'
 * comments (403) and for withdrawn or hidden ones (409).
 */
async function changeOwnComment(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  ids: CommentIds,
  change: (store: Store, now: number) => Promise<void>,
  type: "comment.edited" | "comment.withdrawn",
): Promise<Thread> {
  return actOnComment(deps, actorId, workspaceId, ids, "commenter", async (store, comment, emit, now) => {
    if (comment.authorId !== actorId) throw notAuthor();
    if (comment.hidden)
      throw conflict("comment_hidden", "A facilitator hid this comment: it no longer changes.");
    if (comment.withdrawnAt !== null)
      throw conflict("comment_withdrawn", "This comment was withdrawn: it no longer changes.");
    await change(store, now);
    emit(workspaceId, actorId, type, ids);
  });
}

/** Replaces the text of the actor's own comment; the earlier text stays in its visible history. */
export const editComment = async (
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  ids: CommentIds,
  body: CommentBody,
): Promise<Thread> =>
  changeOwnComment(
    deps,
    actorId,
    workspaceId,
    ids,
    async (store, now) => store.comments.editComment(ids.commentId, body.body, now),
    "comment.edited",
  );

/** Withdraws the actor's own comment: it shows as withdrawn; the record remains. */
export const withdrawComment = async (
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  ids: CommentIds,
): Promise<Thread> =>
  changeOwnComment(
    deps,
    actorId,
    workspaceId,
    ids,
    async (store, now) => store.comments.withdrawComment(ids.commentId, now),
    "comment.withdrawn",
  );

/** Hides an abusive comment (facilitators only), with a reason that the event log keeps. */
export async function hideComment(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  ids: CommentIds,
  body: HideBody,
): Promise<Thread> {
  return actOnComment(deps, actorId, workspaceId, ids, "facilitator", async (store, comment, emit, now) => {
    const reason = body.reason?.trim() ?? "";
    if (!reason) throw reasonRequired("Hiding a comment");
    if (comment.hidden) throw conflict("comment_hidden", "This comment is already hidden.");
    await store.comments.hideComment(ids.commentId, actorId, reason, now);
    emit(workspaceId, actorId, "comment.hidden", { ...ids, reason });
  });
}

/**
 * Gives a thread a reasoned response (drafters and facilitators). A new response revises the
 * previous one; both stay in the thread's history.
 */
export async function respond(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  threadId: string,
  body: RespondBody,
): Promise<Thread> {
  return actOnThread(
    deps,
    actorId,
    workspaceId,
    threadId,
    "drafter",
    async (store, _bundle, member, emit, now) => {
      const reason = body.reason?.trim() ?? "";
      if (!reason) throw reasonRequired("A response");
      const id = newId();
      await store.comments.insertResponse({
        id,
        threadId,
        status: body.status,
        reason,
        authorId: actorId,
        authorSector: member.sector,
        createdAt: now,
      });
      const response = (await findThread(store, workspaceId, threadId)).responses.find((r) => r.id === id);
      if (!response) throw new Error(`response ${id} not found right after writing it`);
      emit(workspaceId, actorId, "comment.responded", { threadId, response: toResponse(response) });
    },
  );
}

/** One thread (any member). */
export async function readThread(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  threadId: string,
): Promise<Thread> {
  return deps.store.transaction(async (store) => {
    const { membership } = await requireMember(store, workspaceId, userId);
    return readBack(store, workspaceId, threadId, readerOf(membership));
  });
}

const commitmentOf = (bundle: ThreadBundle): string | null =>
  bundle.thread.target.kind === "plan" ? null : bundle.thread.target.commitmentId;

function matches(bundle: ThreadBundle, filter: ThreadFilter): boolean {
  if (filter.state && !isOpen(bundle)) return false;
  if (filter.state === "awaiting" && bundle.responses.length > 0) return false;
  if (filter.status && statusOf(bundle) !== filter.status) return false;
  if (filter.sector && bundle.comments[0]?.authorSector !== filter.sector) return false;
  if (filter.commitmentId && commitmentOf(bundle) !== filter.commitmentId) return false;
  return true;
}

/** The workspace's threads matching `filter`, oldest first (any member). */
export async function listThreads(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  filter: ThreadFilter,
): Promise<Thread[]> {
  return deps.store.transaction(async (store) => {
    const { membership } = await requireMember(store, workspaceId, userId);
    return (await store.comments.threads(workspaceId))
      .filter((bundle) => matches(bundle, filter))
      .map((bundle) => toThread(bundle, readerOf(membership)));
  });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Counts, response rate and median time to a first response over every thread (any member). */
export async function summarizeThreads(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
): Promise<CommentSummary> {
  return deps.store.transaction(async (store) => {
    await requireMember(store, workspaceId, userId);
    return summarize(await store.comments.threads(workspaceId));
  });
}

/** The summary of a workspace's threads (the panel's counts; the record of co-creation reads it too). */
export function summarize(all: readonly ThreadBundle[]): CommentSummary {
  const open = all.filter(isOpen);
  const summary: CommentSummary = {
    threads: all.length,
    open: open.length,
    awaiting: open.filter((bundle) => bundle.responses.length === 0).length,
    byStatus: { awaiting: 0, accepted: 0, partly_accepted: 0, not_accepted: 0, answered: 0 },
    bySector: {},
    byCommitment: {},
    responseRate: null,
    medianResponseMs: null,
  };
  for (const bundle of all) {
    summary.byStatus[statusOf(bundle)] += 1;
    const sector = bundle.comments[0]?.authorSector;
    if (sector) summary.bySector[sector] = (summary.bySector[sector] ?? 0) + 1;
    const commitmentId = commitmentOf(bundle);
    if (commitmentId) summary.byCommitment[commitmentId] = (summary.byCommitment[commitmentId] ?? 0) + 1;
  }
  const responded = all.filter((bundle) => bundle.responses.length > 0);
  if (open.length > 0) summary.responseRate = (open.length - summary.awaiting) / open.length;
  summary.medianResponseMs = median(
    responded.map((bundle) => (bundle.responses[0]?.createdAt ?? 0) - bundle.thread.createdAt),
  );
  return summary;
}
