import type {
  acceptInvitationBody,
  createInvitationBody,
  InvitationPreview,
  InvitationRefusal,
  Membership,
  User,
} from "@shared/api";
import type { z } from "zod";
import { ApiException, badRequest, notFound } from "../errors";
import { commitWithEvents } from "../events/commit";
import type { Store } from "../store";
import { newId, newToken, sha256Hex } from "../store/ids";
import type { InvitationRecord } from "../store/invitations";
import { type CommandDeps, requireMember } from "./access";
import { toPublicMember } from "./publicMember";

const REFUSAL_MESSAGES: Record<InvitationRefusal, string> = {
  invitation_revoked: "This invitation was withdrawn by a facilitator.",
  invitation_expired: "This invitation has expired. Ask a facilitator for a new link.",
  invitation_used_up: "This invitation has been used as many times as it allows.",
  removed_from_workspace:
    "A facilitator removed you from this workspace after this link was made. Ask them for a new invitation.",
};

/**
 * Why an invitation can no longer be used at `now` (by `userId`, when known), or null while it can.
 * Someone a facilitator removed may rejoin only through an invitation made after the removal: the
 * links they used or saw before must not undo it.
 */
export async function invitationRefusal(
  store: Store,
  invitation: InvitationRecord,
  userId: string | null,
  now: number,
): Promise<InvitationRefusal | null> {
  const removedAt =
    userId === null ? null : await store.memberships.removedAt(invitation.workspaceId, userId);
  if (removedAt !== null && Date.parse(invitation.createdAt) < removedAt) return "removed_from_workspace";
  if (invitation.revokedAtMs !== null) return "invitation_revoked";
  if (invitation.expiresAtMs !== null && invitation.expiresAtMs <= now) return "invitation_expired";
  if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return "invitation_used_up";
  return null;
}

const refused = (refusal: InvitationRefusal) => new ApiException(410, refusal, REFUSAL_MESSAGES[refusal]);

async function findByToken(store: Store, token: string): Promise<InvitationRecord> {
  const invitation = await store.invitations.byTokenHash(sha256Hex(token));
  if (!invitation) throw notFound("Invitation");
  return invitation;
}

/**
 * Creates an invitation link (facilitators only). Returns the token once: only its hash is
 * stored, so it cannot be shown again.
 */
export async function createInvitation(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  body: z.infer<typeof createInvitationBody>,
): Promise<{ invitation: InvitationRecord; token: string }> {
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    const expiresAt = body.expiresAt === undefined ? null : Date.parse(body.expiresAt);
    if (expiresAt !== null && expiresAt <= now) {
      throw badRequest("invalid_body", "expiresAt: must be in the future", [
        { path: "expiresAt", message: "must be in the future" },
      ]);
    }
    const token = newToken();
    const invitation = await store.invitations.insert({
      id: newId(),
      tokenHash: sha256Hex(token),
      workspaceId,
      role: body.role,
      sector: body.sector,
      createdBy: actorId,
      createdAt: now,
      expiresAt,
      maxUses: body.maxUses ?? null,
    });
    emit(workspaceId, actorId, "invitation.created", {
      invitationId: invitation.id,
      role: invitation.role,
      sector: invitation.sector,
      expiresAt: invitation.expiresAt,
      maxUses: invitation.maxUses,
    });
    return { invitation, token };
  });
}

/** Withdraws an invitation link (facilitators only). Revoking twice changes nothing. */
export async function revokeInvitation(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  invitationId: string,
): Promise<void> {
  await commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    if (!(await store.invitations.byId(workspaceId, invitationId))) throw notFound("Invitation");
    if (await store.invitations.revoke(invitationId, now)) {
      emit(workspaceId, actorId, "invitation.revoked", { invitationId });
    }
  });
}

/**
 * What a link shows, signed in (`userId`) or not: where it leads, with which role, and whether it
 * still works (for this person, when signed in).
 */
export async function previewInvitation(
  store: Store,
  token: string,
  userId: string | null,
): Promise<InvitationPreview> {
  const invitation = await findByToken(store, token);
  const workspace = await store.workspaces.byId(invitation.workspaceId);
  if (!workspace) throw notFound("Invitation");
  const refusal = await invitationRefusal(store, invitation, userId, Date.now());
  return {
    workspace: { id: workspace.id, name: workspace.name, jurisdiction: workspace.jurisdiction },
    role: invitation.role,
    sector: invitation.sector,
    expiresAt: invitation.expiresAt,
    usable: refusal === null,
    unusableReason: refusal,
  };
}

/**
 * Joins the invitation's workspace with its role and sector. The use is counted in the same
 * transaction as the membership, by a conditional update, so a link's limit holds under races.
 * Someone already a member keeps their membership unchanged and uses nothing (`joined: false`).
 */
export async function acceptInvitation(
  deps: CommandDeps,
  user: User,
  token: string,
  body: z.infer<typeof acceptInvitationBody>,
): Promise<{ membership: Membership; joined: boolean }> {
  return commitWithEvents(deps, async (store, emit, now) => {
    const invitation = await findByToken(store, token);
    const existing = await store.memberships.get(invitation.workspaceId, user.id);
    if (existing) return { membership: existing, joined: false };
    const refusal = await invitationRefusal(store, invitation, user.id, now);
    if (refusal) throw refused(refusal);
    if (!(await store.invitations.consumeUse(invitation.id, now))) throw refused("invitation_used_up");
    const membership = await store.memberships.insert({
      workspaceId: invitation.workspaceId,
      userId: user.id,
      role: invitation.role,
      sector: invitation.sector,
      organization: body.organization || null,
      joinedAt: now,
    });
    emit(invitation.workspaceId, user.id, "member.joined", {
      member: toPublicMember(membership, user.name),
      invitationId: invitation.id,
    });
    return { membership, joined: true };
  });
}
