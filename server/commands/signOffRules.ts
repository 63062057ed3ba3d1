import { SECTORS } from "@shared/roles";
import type { SignOffRules } from "@shared/signOff";
import { conflict } from "../errors";
import { commitWithEvents } from "../events/commit";
import { type CommandDeps, requireMember } from "./access";

/** The forum's sign-off rules in force; any member. */
export async function readSignOffRules(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
): Promise<SignOffRules> {
  await requireMember(deps.store, workspaceId, userId);
  return deps.store.signOffRules.get(workspaceId);
}

/**
 * Sets the forum's sign-off rules (facilitators). Refused with 409 `proposal_open` while a
 * proposal awaits sign-off: it was proposed under the rules it froze, and those stay its rules.
 */
export async function updateSignOffRules(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  rules: SignOffRules,
): Promise<SignOffRules> {
  // In the usual order of sectors, whatever order they came in.
  const nonGovernmentalSectors = SECTORS.filter(
    (s): s is SignOffRules["nonGovernmentalSectors"][number] =>
      s !== "government" && (rules.nonGovernmentalSectors as string[]).includes(s),
  );
  const saved: SignOffRules = { ...rules, nonGovernmentalSectors };
  await commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    if (await store.versions.openProposal(workspaceId)) {
      throw conflict(
        "proposal_open",
        "A proposal awaits sign-off under the current rules: finish or withdraw it first.",
      );
    }
    await store.signOffRules.save(workspaceId, saved, now);
    emit(workspaceId, actorId, "signoff.rules_updated", { rules: saved });
  });
  return saved;
}
