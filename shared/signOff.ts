import type { Sector } from "./roles";

/**
 * The forum's sign-off rules: which sectors count as non-governmental, how many signatures each
 * side needs, and whether a decline blocks. Set by facilitators before a proposal, shown on the
 * public page, and frozen into each proposal (so into each official version and its hash).
 */
export interface SignOffRules {
  /** Sectors whose signatures count for the non-governmental side (government never does). */
  nonGovernmentalSectors: Exclude<Sector, "government">[];
  governmentSignatures: number;
  nonGovernmentalSignatures: number;
  /** When true, one decline from a counting sector stops the proposal from becoming official. */
  declineBlocks: boolean;
}

/** OGP Local names universities among the non-governmental partners: academia counts by default. */
export const DEFAULT_SIGN_OFF_RULES: SignOffRules = {
  nonGovernmentalSectors: ["civil_society", "academia"],
  governmentSignatures: 1,
  nonGovernmentalSignatures: 1,
  declineBlocks: false,
};

/**
 * The rules a proposal froze (its canonical JSON's `rules`). Proposals from before the rules were
 * explicit froze none: theirs was one government and one civil-society signature.
 */
export const LEGACY_SIGN_OFF_RULES: SignOffRules = {
  ...DEFAULT_SIGN_OFF_RULES,
  nonGovernmentalSectors: ["civil_society"],
};

/** The sign-off rules a frozen plan was decided under. */
export const frozenRules = (frozen: { rules?: SignOffRules }): SignOffRules =>
  frozen.rules ?? LEGACY_SIGN_OFF_RULES;

/** Most signatures a side may require: a forum larger than this signs in several rounds anyway. */
export const MAX_REQUIRED_SIGNATURES = 50;

export type SignOffSide = "government" | "nonGovernmental";

/** Where a proposal's sign-off stands under its rules. */
export interface SignOffState {
  government: { signed: number; needed: number };
  nonGovernmental: { signed: number; needed: number };
  /** A counting sector declined and the rules say a decline blocks. */
  blocked: boolean;
  /** Enough signatures on both sides and not blocked: the proposal becomes official. */
  complete: boolean;
}

/** The side a sector's signature counts for under `rules`, or null when it counts for neither. */
export function sideOf(rules: SignOffRules, sector: Sector): SignOffSide | null {
  if (sector === "government") return "government";
  return rules.nonGovernmentalSectors.includes(sector) ? "nonGovernmental" : null;
}

/**
 * The sign-off state of a proposal from its decisions so far: signatures counted per side
 * (sectors outside both sides are recorded but not counted), and whether a decline blocks it.
 */
export function signOffState(
  rules: SignOffRules,
  decisions: readonly { sector: Sector; decision: "signed" | "declined" }[],
): SignOffState {
  const count = (side: SignOffSide, decision: "signed" | "declined") =>
    decisions.filter((d) => d.decision === decision && sideOf(rules, d.sector) === side).length;
  const government = { signed: count("government", "signed"), needed: rules.governmentSignatures };
  const nonGovernmental = {
    signed: count("nonGovernmental", "signed"),
    needed: rules.nonGovernmentalSignatures,
  };
  const declined = count("government", "declined") + count("nonGovernmental", "declined");
  const blocked = rules.declineBlocks && declined > 0;
  const complete =
    !blocked && government.signed >= government.needed && nonGovernmental.signed >= nonGovernmental.needed;
  return { government, nonGovernmental, blocked, complete };
}
