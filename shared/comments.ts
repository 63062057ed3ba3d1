import { COMMITMENT_RICH_FIELDS, PLAN_RICH_FIELDS } from "./plan";
import type { Sector } from "./roles";

/**
 * Comment threads on the plan and their reasoned responses: rules, field paths and response
 * shapes. Free of zod so the client's comment panel does not download it (bodies are in
 * commentBodies.ts).
 */

export const COMMENT_LIMITS = {
  /** Comments are plain text, rendered as text. */
  bodyMaxLength: 5000,
  reasonMaxLength: 5000,
  /** The quoted passage of an anchored thread; the client shortens longer selections. */
  quoteMaxLength: 2000,
  /** A base64 Yjs relative position is a few dozen characters; this bounds what the server stores. */
  anchorMaxLength: 512,
} as const;

/** Answers a drafter or facilitator gives a thread; `answered` is for questions. */
export const RESPONSE_STATUSES = ["accepted", "partly_accepted", "not_accepted", "answered"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** A thread's status: awaiting a response, or the status of its latest response. */
export type ThreadStatus = "awaiting" | ResponseStatus;

/**
 * Where a text comment points: `vision`, `cocreationSummary`, or `commitments/<id>/<field>` for
 * the problem, commitment and contribution fields of a commitment.
 */
export const FIELD_PATH_PATTERN = new RegExp(
  `^(?:${PLAN_RICH_FIELDS.join("|")}|commitments/[A-Za-z0-9_-]{1,64}/(?:${COMMITMENT_RICH_FIELDS.join("|")}))$`,
);

/** The commitment a field path lies in, or null for the plan's own fields. */
export function commitmentOfField(field: string): string | null {
  const match = /^commitments\/([^/]+)\//.exec(field);
  return match?.[1] ?? null;
}

export type ThreadTarget =
  | { kind: "plan" }
  | { kind: "commitment"; commitmentId: string }
  | {
      kind: "text";
      field: string;
      commitmentId: string | null;
      /** Y.encodeRelativePosition of the passage's start and end, base64. */
      start: string;
      end: string;
      /** The passage as it read when the thread was opened; kept when the text is deleted. */
      quote: string;
    };

export interface CommentAuthor {
  userId: string;
  name: string;
  sector: Sector;
}

export interface CommentEdit {
  /** The text before this edit. */
  body: string;
  editedAt: string;
}

export interface ThreadComment {
  id: string;
  threadId: string;
  author: CommentAuthor;
  /**
   * The text, or null when it is withdrawn or hidden and the reader is neither its author nor a
   * facilitator (the record remains; only its words are kept from view).
   */
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  /** Earlier versions, oldest first (empty when `body` is null). */
  edits: CommentEdit[];
  withdrawnAt: string | null;
  hidden: { at: string; byName: string; reason: string } | null;
}

export interface ReasonedResponse {
  id: string;
  status: ResponseStatus;
  reason: string;
  author: CommentAuthor;
  createdAt: string;
}

export interface Thread {
  id: string;
  workspaceId: string;
  target: ThreadTarget;
  createdAt: string;
  status: ThreadStatus;
  /** False when its first comment was withdrawn or hidden: such threads need no response. */
  open: boolean;
  /** The first comment opens the thread; replies follow in order. */
  comments: ThreadComment[];
  /** Every response, oldest first: the last one is the current status, the others its history. */
  responses: ReasonedResponse[];
}

/** Counts for the panel and the evidence of co-creation; computed by the server over every thread. */
export interface CommentSummary {
  threads: number;
  open: number;
  /** Open threads without a response yet. */
  awaiting: number;
  byStatus: Record<ThreadStatus, number>;
  /** Threads by the sector of whoever opened them. */
  bySector: Partial<Record<Sector, number>>;
  /** Threads per commitment (those on a commitment or on one of its fields). */
  byCommitment: Record<string, number>;
  /** Share of open threads that have a response, 0–1; null when there are none. */
  responseRate: number | null;
  /** Median time from a thread's opening to its first response, in ms; null when none responded. */
  medianResponseMs: number | null;
}

/** Filters of `GET /threads`; each narrows the list. */
export interface ThreadFilter {
  /** `open`: not withdrawn or hidden; `awaiting`: open and without a response. */
  state?: "open" | "awaiting";
  status?: ThreadStatus;
  sector?: Sector;
  commitmentId?: string;
}

export interface ThreadsResponse {
  threads: Thread[];
}
export interface ThreadResponse {
  thread: Thread;
}
export interface CommentSummaryResponse {
  summary: CommentSummary;
}
