import { z } from "zod";
import { LIMITS } from "./limits";
import { LOCALES } from "./locales";
import { ROLES, SECTORS } from "./roles";

/** Request bodies of the REST API, validated by the server and reused by the client's forms. */

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const signupBody = z.strictObject({
  email: z.email().max(LIMITS.emailMaxLength),
  password: z.string().min(LIMITS.passwordMinLength).max(LIMITS.passwordMaxLength),
  name: trimmed(LIMITS.nameMaxLength),
  locale: z.enum(LOCALES).optional(),
});

export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(LIMITS.emailMaxLength),
  password: z.string().min(1).max(LIMITS.passwordMaxLength),
});

export const updateMeBody = z.strictObject({
  locale: z.enum(LOCALES).optional(),
  name: trimmed(LIMITS.nameMaxLength).optional(),
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

export interface ApiError {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}
