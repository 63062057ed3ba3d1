import type { createWorkspaceBody, Membership, User, updateWorkspaceBody, Workspace } from "@shared/api";
import { LIMITS } from "@shared/limits";
import { DEFAULT_LOCALE } from "@shared/locales";
import type { z } from "zod";
import { badRequest } from "../errors";
import { commitWithEvents } from "../events/commit";
import { newId } from "../store/ids";
import type { WorkspaceSettings } from "../store/workspaces";
import { type CommandDeps, requireMember } from "./access";
import { toPublicMember } from "./publicMember";
import { uniqueSlug } from "./slug";

const emptyToNull = (value: string | null | undefined): string | null => (value ? value : null);

/** Creates a workspace; its creator joins as facilitator with the given sector (government by default). */
export async function createWorkspace(
  deps: CommandDeps,
  creator: User,
  body: z.infer<typeof createWorkspaceBody>,
): Promise<{ workspace: Workspace; membership: Membership }> {
  return commitWithEvents(deps, async (store, emit, now) => {
    const workspace = await store.workspaces.insert({
      id: newId(),
      slug: await uniqueSlug(body.name, store.workspaces.slugTaken),
      name: body.name,
      jurisdiction: body.jurisdiction,
      country: emptyToNull(body.country),
      periodStart: body.periodStart ?? null,
      periodEnd: body.periodEnd ?? null,
      defaultLocale: body.defaultLocale ?? creator.locale ?? DEFAULT_LOCALE,
      maxCommitments: body.maxCommitments ?? LIMITS.defaultMaxCommitments,
      createdBy: creator.id,
      createdAt: now,
    });
    const membership = await store.memberships.insert({
      workspaceId: workspace.id,
      userId: creator.id,
      role: "facilitator",
      sector: body.sector ?? "government",
      organization: emptyToNull(body.organization),
      joinedAt: now,
    });
    emit(workspace.id, creator.id, "workspace.created", { workspace });
    emit(workspace.id, creator.id, "member.joined", {
      member: toPublicMember(membership, creator.name),
      invitationId: null,
    });
    return { workspace, membership };
  });
}

const SETTINGS = [
  "name",
  "jurisdiction",
  "country",
  "periodStart",
  "periodEnd",
  "defaultLocale",
  "maxCommitments",
] as const satisfies readonly (keyof WorkspaceSettings)[];

/** Changes a workspace's settings (facilitators only). Appends an event only when something changed. */
export async function updateWorkspace(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  body: z.infer<typeof updateWorkspaceBody>,
): Promise<Workspace> {
  return commitWithEvents(deps, async (store, emit) => {
    const { workspace } = await requireMember(store, workspaceId, actorId, "facilitator");
    const next: WorkspaceSettings = {
      name: body.name ?? workspace.name,
      jurisdiction: body.jurisdiction ?? workspace.jurisdiction,
      country: body.country === undefined ? workspace.country : emptyToNull(body.country),
      periodStart: body.periodStart === undefined ? workspace.periodStart : body.periodStart,
      periodEnd: body.periodEnd === undefined ? workspace.periodEnd : body.periodEnd,
      defaultLocale: body.defaultLocale ?? workspace.defaultLocale,
      maxCommitments: body.maxCommitments ?? workspace.maxCommitments,
    };
    // Checked against the stored dates too: a body may change only one end of the period.
    if (next.periodStart && next.periodEnd && next.periodStart > next.periodEnd) {
      throw badRequest("invalid_body", "periodEnd: must not be before periodStart", [
        { path: "periodEnd", message: "must not be before periodStart" },
      ]);
    }
    const changed = SETTINGS.filter((key) => next[key] !== workspace[key]);
    if (changed.length === 0) return workspace;
    const updated = await store.workspaces.update(workspaceId, next);
    emit(workspaceId, actorId, "workspace.updated", { workspace: updated, changed });
    return updated;
  });
}
