import { z } from "zod";
import { COMMENT_LIMITS, FIELD_PATH_PATTERN, RESPONSE_STATUSES } from "./comments";
import { SECTORS } from "./roles";

/** Request bodies and query of the comments API (see shared/comments.ts for shapes and rules). */

const linkedId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id");
const commentText = z.string().trim().min(1).max(COMMENT_LIMITS.bodyMaxLength);
/** Standard base64 of an encoded Yjs relative position; the server never decodes it. */
const anchorPosition = z
  .string()
  .max(COMMENT_LIMITS.anchorMaxLength)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, "not base64")
  .min(4);

export const openThreadBody = z.discriminatedUnion("target", [
  z.strictObject({ target: z.literal("plan"), body: commentText }),
  z.strictObject({ target: z.literal("commitment"), commitmentId: linkedId, body: commentText }),
  z.strictObject({
    target: z.literal("text"),
    field: z.string().regex(FIELD_PATH_PATTERN, "not a rich-text field of the plan"),
    start: anchorPosition,
    end: anchorPosition,
    quote: z.string().trim().min(1).max(COMMENT_LIMITS.quoteMaxLength),
    body: commentText,
  }),
]);
export type OpenThreadBody = z.infer<typeof openThreadBody>;

export const commentBody = z.strictObject({ body: commentText });
export type CommentBody = z.infer<typeof commentBody>;

/**
 * A reasoned response. The reason is checked by the command, not here, so that a missing one
 * gets its own error code (`reason_required`) rather than a generic invalid body.
 */
export const respondBody = z.strictObject({
  status: z.enum(RESPONSE_STATUSES),
  reason: z.string().max(COMMENT_LIMITS.reasonMaxLength).optional(),
});
export type RespondBody = z.infer<typeof respondBody>;

/** Hiding an abusive comment; the reason is required (checked by the command, as above). */
export const hideBody = z.strictObject({ reason: z.string().max(COMMENT_LIMITS.reasonMaxLength).optional() });
export type HideBody = z.infer<typeof hideBody>;

export const threadQuery = z.strictObject({
  state: z.enum(["open", "awaiting"]).optional(),
  status: z.enum(["awaiting", ...RESPONSE_STATUSES]).optional(),
  sector: z.enum(SECTORS).optional(),
  commitmentId: linkedId.optional(),
});
