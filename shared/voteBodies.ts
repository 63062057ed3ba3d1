import { z } from "zod";
import { TALLY_VISIBILITY, VOTE_ELIGIBILITY, VOTE_LIMITS, VOTE_SECRECY } from "./votes";

/** Request bodies of the votes API (see shared/votes.ts for the rules and response shapes). */

/** Ids of commitments (Yjs map ids) and meetings: short URL-safe strings. */
const linkedId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id");
const trimmed = (max: number) => z.string().trim().min(1).max(max);

const commonFields = {
  title: trimmed(VOTE_LIMITS.titleMaxLength),
  description: z.string().trim().max(VOTE_LIMITS.descriptionMaxLength).optional(),
  /** The plan's commitment this vote is about (its id in the plan document). */
  commitmentId: linkedId.optional(),
  /** The meeting during which it is held. */
  meetingId: linkedId.optional(),
  eligibility: z.enum(VOTE_ELIGIBILITY).optional(),
  secrecy: z.enum(VOTE_SECRECY).optional(),
  /** Defaults to "live" for open votes and "after_close" for secret ones (the only kind allowed). */
  tallies: z.enum(TALLY_VISIBILITY).optional(),
  /** Ballots needed for the result to count. */
  quorum: z.int().min(1).max(VOTE_LIMITS.maxQuorum).optional(),
  /** The vote closes by itself at this time (ISO 8601, in the future). */
  closesAt: z.iso.datetime({ offset: true }).optional(),
};

export const openVoteBody = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("approve"), ...commonFields }),
    z.strictObject({ kind: z.literal("consent"), ...commonFields }),
    z.strictObject({
      kind: z.literal("prioritise"),
      ...commonFields,
      /**
       * A label, or a commitment of the plan by id: the server labels it with the commitment's
       * title as the plan holds it, so a client cannot put words in the plan's mouth.
       */
      options: z
        .array(z.union([trimmed(VOTE_LIMITS.optionMaxLength), z.strictObject({ commitmentId: linkedId })]))
        .min(VOTE_LIMITS.minOptions)
        .max(VOTE_LIMITS.maxOptions),
      /** K: how many options each member may pick at most. */
      maxChoices: z.int().min(1).max(VOTE_LIMITS.maxOptions),
    }),
  ])
  .superRefine((vote, ctx) => {
    // Live counts next to the live list of who took part would give away each secret choice
    // by difference (the count moves by one just as a name appears).
    if (vote.secrecy === "secret" && vote.tallies === "live") {
      ctx.addIssue({
        code: "custom",
        path: ["tallies"],
        message: "a secret vote shows its tallies only after it closes",
      });
    }
    if (vote.kind !== "prioritise") return;
    // Too few options is the options' problem, said there: the untouched "at most" is not flagged.
    if (vote.options.length >= VOTE_LIMITS.minOptions && vote.maxChoices > vote.options.length) {
      ctx.addIssue({
        code: "custom",
        path: ["maxChoices"],
        message: "must not exceed the number of options",
      });
    }
    const keys = vote.options.map((option) =>
      typeof option === "string"
        ? `label:${option.toLocaleLowerCase()}`
        : `commitment:${option.commitmentId}`,
    );
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "options must differ from each other" });
    }
  });
export type OpenVoteBody = z.infer<typeof openVoteBody>;

/**
 * A ballot: `choices` holds one of the kind's choices (approve, consent) or up to K option ids
 * (prioritise). `reason` is for consent ballots, and required with an objection.
 */
export const castBallotBody = z.strictObject({
  choices: z.array(z.string().min(1).max(64)).min(1).max(VOTE_LIMITS.maxOptions),
  reason: z.string().trim().max(VOTE_LIMITS.reasonMaxLength).optional(),
});
export type CastBallotBody = z.infer<typeof castBallotBody>;
