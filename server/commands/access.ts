import type { Membership, Workspace } from "@shared/api";
import { hasRole, type Role } from "@shared/roles";
import type { AppContext } from "../context";
import { forbidden, notFound } from "../errors";
import type { Store } from "../store";

/**
 * The workspace and the user's membership in it, when their role is at least `minimum`.
 * Throws 404 for an unknown workspace and 403 for a non-member or a lower role. Commands call it
 * inside their transaction, so a role changed a moment ago is the one that counts.
 */
export async function requireMember(
  store: Store,
  workspaceId: string,
  userId: string,
  minimum: Role = "viewer",
): Promise<{ workspace: Workspace; membership: Membership }> {
  const workspace = await store.workspaces.byId(workspaceId);
  if (!workspace) throw notFound("Workspace");
  const membership = await store.memberships.get(workspaceId, userId);
  if (!membership) throw forbidden("You are not a member of this workspace.");
  if (!hasRole(membership.role, minimum)) {
    throw forbidden(`This needs the ${minimum} role or higher; yours is ${membership.role}.`);
  }
  return { workspace, membership };
}

/** What commands need: the tables and the relay that carries their events to live streams. */
export type CommandDeps = Pick<AppContext, "store" | "relay">;
