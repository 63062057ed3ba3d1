import type { User } from "@shared/api";
import { CLOSE_CODES, type CloseCode } from "@shared/closeCodes";
import { type AwarenessUser, type DocRef, SECTOR_COLORS } from "@shared/collab";
import { canEditPlan, hasRole } from "@shared/roles";
import type { AppContext } from "../context";

/** What an authorized socket may do on its document, and who it is to the others there. */
export interface Access {
  docName: string;
  /** The workspace whose membership grants the access (its changes reach the open socket). */
  workspaceId: string;
  userId: string;
  /** Readers' updates are dropped: never applied, relayed or stored. */
  canWrite: boolean;
  /** The `user` every awareness state of this socket carries. */
  identity: AwarenessUser;
  /** The session the socket was opened with (its token's hash): the socket closes when it ends. */
  sessionKey: string;
}

/** What a document's own rule decides; the session is added by the upgrade. */
export type DocumentAccess = Omit<Access, "sessionKey">;

/** Why a socket is turned away; the code reaches the client in the close frame. */
export interface Refusal {
  code: CloseCode;
  reason: string;
}

type AccessRule<R extends DocRef> = (
  ref: R,
  docName: string,
  user: User,
  ctx: AppContext,
) => Promise<DocumentAccess | Refusal>;

const planAccess: AccessRule<Extract<DocRef, { kind: "plan" }>> = async (ref, docName, user, ctx) => {
  if (!(await ctx.store.workspaces.byId(ref.workspaceId))) {
    return { code: CLOSE_CODES.notFound, reason: "no such workspace" };
  }
  const membership = await ctx.membership(ref.workspaceId, user.id);
  if (!membership) return { code: CLOSE_CODES.forbidden, reason: "not a member of this workspace" };
  const { sector } = membership;
  return {
    docName,
    workspaceId: ref.workspaceId,
    userId: user.id,
    canWrite: canEditPlan(membership.role),
    identity: { id: user.id, name: user.name, sector, color: SECTOR_COLORS[sector] },
  };
};

// Meeting documents hold each agenda item's shared notes: members of the meeting's workspace
// read them; commenters and up write.
const meetingAccess: AccessRule<Extract<DocRef, { kind: "meeting" }>> = async (ref, docName, user, ctx) => {
  const workspaceId = await ctx.store.meetings.workspaceOf(ref.meetingId);
  if (!workspaceId) return { code: CLOSE_CODES.notFound, reason: "no such meeting" };
  const membership = await ctx.membership(workspaceId, user.id);
  if (!membership) return { code: CLOSE_CODES.forbidden, reason: "not a member of this workspace" };
  const { sector } = membership;
  return {
    docName,
    workspaceId,
    userId: user.id,
    canWrite: hasRole(membership.role, "commenter"),
    identity: { id: user.id, name: user.name, sector, color: SECTOR_COLORS[sector] },
  };
};

/** Decides what `user` may do on the document `ref` names: one rule per kind of document. */
export function resolveAccess(
  ref: DocRef,
  docName: string,
  user: User,
  ctx: AppContext,
): Promise<DocumentAccess | Refusal> {
  switch (ref.kind) {
    case "plan":
      return planAccess(ref, docName, user, ctx);
    case "meeting":
      return meetingAccess(ref, docName, user, ctx);
  }
}
