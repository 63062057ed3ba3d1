import { z } from "zod";
import { displayName, signupBody } from "./api";
import { COMMENT_LIMITS, RESPONSE_STATUSES } from "./comments";
import { CONSULTATION_LIMITS, CONSULTATION_SCOPES, OFFLINE_CHANNELS } from "./consultation";
import { LIMITS } from "./limits";
import { SECTORS } from "./roles";

/** Request bodies of the consultation routes (see shared/consultation.ts for shapes and rules). */

const linkedId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id");
const text = (max: number) => z.string().trim().min(1).max(max);
const organization = z.string().trim().max(LIMITS.organizationMaxLength).optional();

/** A facilitator opens (or changes) a consultation. */
export const consultationBody = z
  .strictObject({
    title: text(CONSULTATION_LIMITS.titleMaxLength),
    instructions: text(CONSULTATION_LIMITS.instructionsMaxLength),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    scope: z.enum(CONSULTATION_SCOPES),
    commitmentIds: z.array(linkedId).max(CONSULTATION_LIMITS.maxCommitments).default([]),
  })
  .refine((c) => Date.parse(c.startsAt) < Date.parse(c.endsAt), {
    message: "endsAt must be after startsAt",
    path: ["endsAt"],
  })
  .refine((c) => c.scope === "plan" || c.commitmentIds.length > 0, {
    message: "choose at least one commitment, or open the whole draft",
    path: ["commitmentIds"],
  });
export type ConsultationBody = z.infer<typeof consultationBody>;

/** How a participant declares themself: the same for a new account and a signed-in one. */
export const participationBody = z.strictObject({
  sector: z.enum(SECTORS),
  organization,
  showName: z.boolean(),
});
export type ParticipationBody = z.infer<typeof participationBody>;

/** The light sign-up: an account and a participation in one step, without an invitation. */
export const participantSignupBody = signupBody.extend(participationBody.shape);
export type ParticipantSignupBody = z.infer<typeof participantSignupBody>;

const inputText = text(CONSULTATION_LIMITS.inputMaxLength);

/** A participant's input: a comment on the draft or one of its commitments, or a new idea. */
export const inputBody = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("comment"),
    commitmentId: linkedId.nullable().default(null),
    body: inputText,
  }),
  z.strictObject({ kind: z.literal("idea"), body: inputText }),
]);
export type InputBody = z.infer<typeof inputBody>;

/**
 * An input a facilitator received offline and records on someone's behalf: the channel, and the
 * person's name only if they consented to it being recorded and shown.
 */
export const recordedInputBody = z.strictObject({
  kind: z.enum(["comment", "idea"]),
  commitmentId: linkedId.nullable().default(null),
  body: inputText,
  channel: z.enum(OFFLINE_CHANNELS),
  name: displayName.optional(),
  sector: z.enum(SECTORS),
  community: z.string().trim().max(CONSULTATION_LIMITS.communityMaxLength).optional(),
});
export type RecordedInputBody = z.infer<typeof recordedInputBody>;

/** A drafter's reasoned answer to an input: the statuses of member comments, and a reason always. */
export const inputResponseBody = z.strictObject({
  status: z.enum(RESPONSE_STATUSES),
  reason: text(COMMENT_LIMITS.reasonMaxLength),
});
export type InputResponseBody = z.infer<typeof inputResponseBody>;

/** A facilitator hides an input: the reason is public, shown in place of the input's text. */
export const hideInputBody = z.strictObject({ reason: text(COMMENT_LIMITS.reasonMaxLength) });
export type HideInputBody = z.infer<typeof hideInputBody>;

/** A report of abuse on an input, with an optional short reason (only facilitators read it). */
export const reportInputBody = z.strictObject({
  reason: z.string().trim().max(CONSULTATION_LIMITS.reportReasonMaxLength).optional(),
});
export type ReportInputBody = z.infer<typeof reportInputBody>;
