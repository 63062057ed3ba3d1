import type { Membership, updateMemberBody } from "@shared/api";
import type { z } from "zod";
import { conflict, notFound } from "../errors";
import { commitWithEvents } from "../events/commit";
import type { Store } from "../store";
import { type CommandDeps, requireMember } from "./access";

const lastFacilitator = () =>
  conflict(
    "last_facilitator",
    "A workspace needs at least one facilitator. Make someone else facilitator first.",
  );

/** Refuses (409) a change that would leave the workspace without a facilitator. */
function guardLastFacilitator(store: Store, target: Membership, stillFacilitator: boolean): void {
  if (
    target.role === "facilitator" &&
    !stillFacilitator &&
    store.memberships.countWithRole(target.workspaceId, "facilitator") <= 1
  ) {
    throw lastFacilitator();
  }
}

/** Changes a member's role and/or sector (facilitators only). Appends an event only when something changed. */
export function updateMember(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  userId: string,
  changes: z.infer<typeof updateMemberBody>,
): Membership {
  return commitWithEvents(deps, (emit) => {
    const { store } = deps;
    requireMember(store, workspaceId, actorId, "facilitator");
    const target = store.memberships.get(workspaceId, userId);
    if (!target) throw notFound("Member");
    const role = changes.role ?? target.role;
    const sector = changes.sector ?? target.sector;
    if (role === target.role && sector === target.sector) return target;
    guardLastFacilitator(store, target, role === "facilitator");
    const updated = store.memberships.update(workspaceId, userId, { role, sector });
    emit(workspaceId, actorId, "member.updated", {
      userId,
      role,
      sector,
      previous: { role: target.role, sector: target.sector },
    });
    return updated;
  });
}

/**
 * Removes a member: a facilitator removing anyone, or any member leaving. A removal by a
 * facilitator is recorded, so the invitations made before it no longer let that person back in.
 */
export function removeMember(deps: CommandDeps, actorId: string, workspaceId: string, userId: string): void {
  commitWithEvents(deps, (emit, now) => {
    const { store } = deps;
    const leaving = actorId === userId;
    requireMember(store, workspaceId, actorId, leaving ? "viewer" : "facilitator");
    const target = store.memberships.get(workspaceId, userId);
    if (!target) throw notFound("Member");
    guardLastFacilitator(store, target, false);
    store.memberships.delete(workspaceId, userId);
    if (!leaving) store.memberships.recordRemoval(workspaceId, userId, now);
    emit(workspaceId, actorId, "member.removed", { userId, left: leaving });
  });
}
