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
async function guardLastFacilitator(
  store: Store,
  target: Membership,
  stillFacilitator: boolean,
): Promise<void> {
  if (
    target.role === "facilitator" &&
    !stillFacilitator &&
    (await store.memberships.countWithRole(target.workspaceId, "facilitator")) <= 1
  ) {
    throw lastFacilitator();
  }
}

/** Changes a member's role and/or sector (facilitators only). Appends an event only when something changed. */
export async function updateMember(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  userId: string,
  changes: z.infer<typeof updateMemberBody>,
): Promise<Membership> {
  return commitWithEvents(deps, async (store, emit) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    const target = await store.memberships.get(workspaceId, userId);
    if (!target) throw notFound("Member");
    const role = changes.role ?? target.role;
    const sector = changes.sector ?? target.sector;
    if (role === target.role && sector === target.sector) return target;
    await guardLastFacilitator(store, target, role === "facilitator");
    const updated = await store.memberships.update(workspaceId, userId, { role, sector });
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
export async function removeMember(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  userId: string,
): Promise<void> {
  await commitWithEvents(deps, async (store, emit, now) => {
    const leaving = actorId === userId;
    await requireMember(store, workspaceId, actorId, leaving ? "viewer" : "facilitator");
    const target = await store.memberships.get(workspaceId, userId);
    if (!target) throw notFound("Member");
    await guardLastFacilitator(store, target, false);
    await store.memberships.delete(workspaceId, userId);
    if (!leaving) await store.memberships.recordRemoval(workspaceId, userId, now);
    emit(workspaceId, actorId, "member.removed", { userId, left: leaving });
  });
}
