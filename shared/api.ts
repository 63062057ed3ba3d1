import { z } from "zod";
import { LIMITS } from "./limits";
import { LOCALES } from "./locales";
import { ROLES, SECTORS } from "./roles";

/** Request bodies of the REST API, validated by the server and reused by the client's forms. */

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/**
 * Characters a display name may not hold: controls, bidirectional overrides, embeddings,
 * isolates and marks (which can make "Ana" render as someone else's name or reverse what follows
 * it), and invisible zero-width characters (two different-looking-identical names).
 */
const HIDDEN_OR_REORDERING = /[\p{Cc}\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/u;

/** A person's display name: NFC, trimmed, 1–120 characters, nothing hidden or reordering. */
export const displayName = z
  .string()
  .normalize("NFC")
  .trim()
  .min(1)
  .max(LIMITS.nameMaxLength)
  .refine((name) => !HIDDEN_OR_REORDERING.test(name), {
    message: "must not contain invisible characters or text-direction controls",
  });

export const signupBody = z.strictObject({
  email: z.email().max(LIMITS.emailMaxLength),
  password: z.string().min(LIMITS.passwordMinLength).max(LIMITS.passwordMaxLength),
  name: displayName,
  locale: z.enum(LOCALES).optional(),
});

export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(LIMITS.emailMaxLength),
  password: z.string().min(1).max(LIMITS.passwordMaxLength),
});

/** A password change: the current one proves it is the account's owner at this browser. */
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(LIMITS.passwordMaxLength),
  newPassword: z.string().min(LIMITS.passwordMinLength).max(LIMITS.passwordMaxLength),
});

export const updateMeBody = z.strictObject({
  locale: z.enum(LOCALES).optional(),
  name: displayName.optional(),
});

const isoDate = z.iso.date();

export const createWorkspaceBody = z
  .strictObject({
    name: trimmed(LIMITS.workspaceNameMaxLength),
    jurisdiction: trimmed(LIMITS.workspaceNameMaxLength),
    sector: z.enum(SECTORS).optional(),
    organization: z.string().trim().max(LIMITS.organizationMaxLength).optional(),
    country: z.string().trim().max(LIMITS.nameMaxLength).optional(),
    periodStart: isoDate.optional(),
    periodEnd: isoDate.optional(),
    defaultLocale: z.enum(LOCALES).optional(),
    maxCommitments: z.int().min(1).max(LIMITS.maxCommitmentsCeiling).optional(),
  })
  .refine((w) => !w.periodStart || !w.periodEnd || w.periodStart <= w.periodEnd, {
    message: "periodEnd must not be before periodStart",
    path: ["periodEnd"],
  });

/** Facilitators change a workspace's settings; `null` clears an optional field. Give at least one field. */
export const updateWorkspaceBody = z
  .strictObject({
    name: trimmed(LIMITS.workspaceNameMaxLength).optional(),
    jurisdiction: trimmed(LIMITS.workspaceNameMaxLength).optional(),
    country: z.string().trim().max(LIMITS.nameMaxLength).nullable().optional(),
    periodStart: isoDate.nullable().optional(),
    periodEnd: isoDate.nullable().optional(),
    defaultLocale: z.enum(LOCALES).optional(),
    maxCommitments: z.int().min(1).max(LIMITS.maxCommitmentsCeiling).optional(),
  })
  .refine((w) => Object.values(w).some((v) => v !== undefined), { message: "give at least one setting" });

export const createInvitationBody = z.strictObject({
  role: z.enum(ROLES),
  sector: z.enum(SECTORS),
  /** Absolute expiry time, ISO 8601; must be in the future. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  maxUses: z.int().min(1).max(10_000).optional(),
});

export const acceptInvitationBody = z.strictObject({
  organization: z.string().trim().max(LIMITS.organizationMaxLength).optional(),
});

export const updateMemberBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    sector: z.enum(SECTORS).optional(),
  })
  .refine((m) => m.role !== undefined || m.sector !== undefined, { message: "give role or sector" });

/** Shapes the API answers with. */
export interface User {
  id: string;
  email: string;
  name: string;
  locale: string | null;
}

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  jurisdiction: string;
  country: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  defaultLocale: string;
  maxCommitments: number;
  createdAt: string;
}

export interface Membership {
  workspaceId: string;
  userId: string;
  role: (typeof ROLES)[number];
  sector: (typeof SECTORS)[number];
  organization: string | null;
  joinedAt: string;
}

export interface Member extends Membership {
  name: string;
  email: string;
}

export interface Invitation {
  id: string;
  role: (typeof ROLES)[number];
  sector: (typeof SECTORS)[number];
  expiresAt: string | null;
  maxUses: number | null;
  uses: number;
  revokedAt: string | null;
  createdAt: string;
}

/**
 * Why an invitation link can no longer be used; also the error code `accept` answers with (410).
 * `removed_from_workspace`: a facilitator removed this person after the link was made; only a
 * newer invitation lets them back in.
 */
export type InvitationRefusal =
  | "invitation_revoked"
  | "invitation_expired"
  | "invitation_used_up"
  | "removed_from_workspace";

/** What anyone holding an invitation link may see before signing in. */
export interface InvitationPreview {
  workspace: { id: string; name: string; jurisdiction: string };
  role: (typeof ROLES)[number];
  sector: (typeof SECTORS)[number];
  expiresAt: string | null;
  usable: boolean;
  /** Null while usable. */
  unusableReason: InvitationRefusal | null;
}

/** Response bodies, one per route family (see the README's route list). */
export interface UserResponse {
  user: User;
}
export interface WorkspaceListResponse {
  workspaces: (Workspace & { membership: Membership })[];
}
export interface WorkspaceResponse {
  workspace: Workspace;
  membership: Membership;
}
/** `email` is present only when a facilitator asks. */
export interface MembersResponse {
  members: (Omit<Member, "email"> & { email?: string })[];
}
export interface InvitationsResponse {
  invitations: Invitation[];
}
/** The only answer that ever carries an invitation's token: the server keeps just its hash. */
export interface CreatedInvitationResponse {
  invitation: Invitation & { token: string; url: string };
}
export interface InvitationPreviewResponse {
  invitation: InvitationPreview;
}
export interface MembershipResponse {
  membership: Membership;
}

export interface ApiError {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
