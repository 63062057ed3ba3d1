import { z } from "zod";
import { MAX_ROADMAP_PHASES, PHASE_KINDS } from "./publication";
import { SECTORS } from "./roles";
import { MAX_REQUIRED_SIGNATURES } from "./signOff";

/** Request bodies of the publication routes (kept apart so the public page never downloads zod). */

const recordIds = z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id")).max(500);

export const publicationBody = z.strictObject({
  published: z.boolean(),
  showDraft: z.boolean(),
  minutes: recordIds,
  inputs: recordIds,
});

export const roadmapBody = z.strictObject({
  phases: z
    .array(
      z
        .strictObject({ kind: z.enum(PHASE_KINDS), startsOn: z.iso.date(), endsOn: z.iso.date() })
        .refine((p) => p.startsOn <= p.endsOn, {
          message: "endsOn must not be before startsOn",
          path: ["endsOn"],
        }),
    )
    .max(MAX_ROADMAP_PHASES),
});

export const nameConsentBody = z.strictObject({ showName: z.boolean() });

export const signOffRulesBody = z.strictObject({
  nonGovernmentalSectors: z.array(z.enum(SECTORS).exclude(["government"])).min(1),
  governmentSignatures: z.int().min(1).max(MAX_REQUIRED_SIGNATURES),
  nonGovernmentalSignatures: z.int().min(1).max(MAX_REQUIRED_SIGNATURES),
  declineBlocks: z.boolean(),
});
