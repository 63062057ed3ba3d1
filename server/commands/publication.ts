import type { PublicationResponse, PublicationSettings, RoadmapPhase } from "@shared/publication";
import { ApiException } from "../errors";
import { commitWithEvents } from "../events/commit";
import { type CommandDeps, requireMember } from "./access";

/** The publication settings, the roadmap and the caller's consent to be named; any member. */
export async function readPublication(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
): Promise<PublicationResponse> {
  await requireMember(deps.store, workspaceId, userId);
  const { publication } = deps.store;
  return {
    settings: await publication.settings(workspaceId),
    roadmap: await publication.roadmap(workspaceId),
    showName: await publication.showName(workspaceId, userId),
  };
}

const unknownRecords = (code: string, what: string, ids: string[]) =>
  new ApiException(
    422,
    code,
    `${what}: ${ids.join(", ")}.`,
    ids.map((id) => ({ path: id, message: code })),
  );

/**
 * Publishes, unpublishes or changes what the public page shows (facilitators). Only meetings of
 * this workspace whose minutes are recorded (422 `minutes_not_recorded`) and threads of this
 * workspace (422 `unknown_input`) can be chosen.
 */
export async function updatePublication(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  settings: PublicationSettings,
): Promise<PublicationSettings> {
  const chosen: PublicationSettings = {
    ...settings,
    minutes: [...new Set(settings.minutes)].sort(),
    inputs: [...new Set(settings.inputs)].sort(),
  };
  await commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    const unrecorded: string[] = [];
    for (const id of chosen.minutes) {
      if (!(await store.meetings.byId(workspaceId, id)) || !(await store.meetings.minutes(id)))
        unrecorded.push(id);
    }
    if (unrecorded.length > 0) {
      throw unknownRecords("minutes_not_recorded", "No recorded minutes for these meetings", unrecorded);
    }
    const unknown: string[] = [];
    for (const id of chosen.inputs) if (!(await store.comments.thread(workspaceId, id))) unknown.push(id);
    if (unknown.length > 0) throw unknownRecords("unknown_input", "No such comment threads", unknown);
    await store.publication.saveSettings(workspaceId, chosen, now);
    emit(workspaceId, actorId, "publication.updated", { settings: chosen });
  });
  return chosen;
}

/** Replaces the roadmap's dated phases (facilitators). */
export async function updateRoadmap(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  phases: RoadmapPhase[],
): Promise<RoadmapPhase[]> {
  await commitWithEvents(deps, async (store, emit) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    await store.publication.replaceRoadmap(workspaceId, phases);
    emit(workspaceId, actorId, "roadmap.updated", { phases });
  });
  return deps.store.publication.roadmap(workspaceId);
}

/** A member agrees (or no longer agrees) to have their name on the public page; only for themself. */
export async function setNameConsent(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  showName: boolean,
): Promise<boolean> {
  await commitWithEvents(deps, async (store, emit) => {
    await requireMember(store, workspaceId, userId);
    await store.publication.setShowName(workspaceId, userId, showName);
    emit(workspaceId, userId, "member.name_consent", { userId, showName });
  });
  return deps.store.publication.showName(workspaceId, userId);
}
