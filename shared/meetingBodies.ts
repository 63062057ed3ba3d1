import { z } from "zod";
import { LOCALES } from "./locales";
import {
  AGENDA_ITEM_KINDS,
  DECISION_KINDS,
  MEETING_LIMITS as L,
  MEETING_TEMPLATES,
  PRESENCES,
} from "./meetings";

/** Request bodies of the meetings API (a separate file so client pages do not download zod). */

const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id");
const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

const meetingFields = {
  title: trimmed(L.titleMaxLength),
  startsAt: z.iso.datetime({ offset: true }),
  place: optionalText(L.placeMaxLength),
  link: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(L.linkMaxLength)]).optional(),
  plannedMinutes: z.int().min(1).max(L.maxPlannedMinutes),
};

export const createMeetingBody = z.strictObject({
  ...meetingFields,
  /** Optional for the template: the guide's printed 100 minutes by default. */
  plannedMinutes: meetingFields.plannedMinutes.optional(),
  template: z.enum(MEETING_TEMPLATES),
  /** The language of the template's items (the member's language). */
  locale: z.enum(LOCALES).optional(),
});
export type CreateMeetingBody = z.infer<typeof createMeetingBody>;

export const updateMeetingBody = z
  .strictObject({
    title: meetingFields.title.optional(),
    startsAt: meetingFields.startsAt.optional(),
    place: meetingFields.place,
    link: meetingFields.link,
    plannedMinutes: meetingFields.plannedMinutes.optional(),
  })
  .refine((m) => Object.values(m).some((v) => v !== undefined), { message: "give at least one field" });
export type UpdateMeetingBody = z.infer<typeof updateMeetingBody>;

/** The whole agenda, in order: items with an `id` keep it (and their notes and cards). */
export const agendaBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        id: recordId.optional(),
        title: trimmed(L.itemTitleMaxLength),
        description: optionalText(L.itemDescriptionMaxLength),
        minutes: z.int().min(1).max(L.maxItemMinutes),
        lead: optionalText(L.leadMaxLength),
        kind: z.enum(AGENDA_ITEM_KINDS),
      }),
    )
    .max(L.maxItems),
});
export type AgendaBody = z.infer<typeof agendaBody>;

export const runBody = z.discriminatedUnion("action", [
  z.strictObject({ action: z.enum(["start", "next", "previous", "pause", "resume", "end"]) }),
  z.strictObject({ action: z.literal("extend"), minutes: z.int().min(1).max(L.maxExtendMinutes) }),
]);
export type RunBody = z.infer<typeof runBody>;

/** Checks in the caller, or (facilitators) another member named by `userId`. */
export const checkInBody = z.strictObject({
  userId: recordId.optional(),
  presence: z.enum(PRESENCES),
});
export type CheckInBody = z.infer<typeof checkInBody>;

export const decisionBody = z.strictObject({
  kind: z.enum(DECISION_KINDS),
  what: trimmed(L.decisionMaxLength),
  who: optionalText(L.whoMaxLength),
  dueDate: z.iso.date().optional(),
});
export type DecisionBody = z.infer<typeof decisionBody>;

export const cardBody = z.strictObject({ itemId: recordId, text: trimmed(L.cardMaxLength) });
export type CardBody = z.infer<typeof cardBody>;

export const categoryBody = z.strictObject({ itemId: recordId, name: trimmed(L.categoryMaxLength) });
export type CategoryBody = z.infer<typeof categoryBody>;

/** Moves a revealed card into a category, or out of every category with null. */
export const moveCardBody = z.strictObject({ categoryId: recordId.nullable() });
export type MoveCardBody = z.infer<typeof moveCardBody>;

/** Rewrites a card's text. */
export const editCardBody = z.strictObject({ text: cardBody.shape.text });
export type EditCardBody = z.infer<typeof editCardBody>;

/** PATCH a card: either move it or rewrite it, one at a time (they are allowed to different people). */
export const patchCardBody = z.union([moveCardBody, editCardBody]);

export const renameCategoryBody = z.strictObject({ name: categoryBody.shape.name });
export type RenameCategoryBody = z.infer<typeof renameCategoryBody>;
