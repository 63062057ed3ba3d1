import { hasRole, type Role, SECTORS, type Sector } from "./roles";
import type { CastBallotBody } from "./voteBodies";

/**
 * Votes of a multi-stakeholder forum: rules, response shapes and the pure tally that the server
 * freezes at close. Free of zod so the client's vote pages do not download it (bodies are in
 * voteBodies.ts).
 */

export const VOTE_KINDS = ["approve", "prioritise", "consent"] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

/** The fixed choices of the kinds that have them; a prioritise vote's choices are its option ids. */
export const KIND_CHOICES = {
  approve: ["yes", "no", "abstain"],
  consent: ["agree", "stand_aside", "object"],
} as const;
export type ApproveChoice = (typeof KIND_CHOICES.approve)[number];
export type ConsentChoice = (typeof KIND_CHOICES.consent)[number];

/** The lowest role that may vote: commenters and up (the default), or drafters and up. */
export const VOTE_ELIGIBILITY = ["commenter", "drafter"] as const;
export type VoteEligibility = (typeof VOTE_ELIGIBILITY)[number];

/** Open: members see who voted what. Secret: only counts and who took part, to everyone. */
export const VOTE_SECRECY = ["open", "secret"] as const;
export type VoteSecrecy = (typeof VOTE_SECRECY)[number];

/** When tallies may be seen: while the vote is open, or only once it has closed. */
export const TALLY_VISIBILITY = ["live", "after_close"] as const;
export type TallyVisibility = (typeof TALLY_VISIBILITY)[number];

export const VOTE_LIMITS = {
  titleMaxLength: 200,
  descriptionMaxLength: 2000,
  minOptions: 2,
  maxOptions: 30,
  optionMaxLength: 200,
  reasonMaxLength: 2000,
  maxQuorum: 100_000,
  /**
   * In a secret vote, the fewest ballots a published row may hold: someone who controls up to
   * two voters of a row (say, a facilitator who invited two accounts of their own into it) can
   * subtract their ballots, and the three left must still not tell anyone's choice apart.
   */
  secretMinGroup: 5,
} as const;

export interface VoteOption {
  id: string;
  /** For an option that is a commitment of the plan: its title when the vote opened, read by the server. */
  label: string;
  /** Set when the option is a commitment of the plan. */
  commitmentId?: string;
}

/** A commitment of the plan as votes refer to it: its id and its current title ("" when untitled). */
export interface PlanCommitment {
  id: string;
  title: string;
}

export interface PlanCommitmentsResponse {
  /** In the plan's agreed order. */
  commitments: PlanCommitment[];
}

/** What decides how ballots are checked and counted. */
export interface VoteRules {
  kind: VoteKind;
  options: VoteOption[];
  maxChoices: number | null;
  secrecy: VoteSecrecy;
  quorum: number | null;
}

/** Option ids of a prioritise vote are their positions, so they never change once it is open. */
export const numberOptions = (options: Omit<VoteOption, "id">[]): VoteOption[] =>
  options.map((option, index) => ({ id: `o${index + 1}`, ...option }));

/** The choices a ballot of this vote may name. */
export function validChoices(rules: Pick<VoteRules, "kind" | "options">): readonly string[] {
  return rules.kind === "prioritise" ? rules.options.map((option) => option.id) : KIND_CHOICES[rules.kind];
}

export type BallotRefusal = "invalid_ballot" | "too_many_choices" | "reason_required";

export type BallotCheck =
  | { ok: true; ballot: { choices: string[]; reason: string | null } }
  | { ok: false; code: BallotRefusal; path: string; message: string };

/** Checks a ballot against its vote's kind and options; the accepted ballot is normalised. */
export function checkBallot(rules: VoteRules, body: CastBallotBody): BallotCheck {
  const refuse = (code: BallotRefusal, path: string, message: string): BallotCheck => ({
    ok: false,
    code,
    path,
    message,
  });
  const allowed = validChoices(rules);
  const unknown = body.choices.find((choice) => !allowed.includes(choice));
  if (unknown !== undefined)
    return refuse("invalid_ballot", "choices", `"${unknown}" is not a choice of this vote`);
  if (new Set(body.choices).size !== body.choices.length) {
    return refuse("invalid_ballot", "choices", "a choice may be named only once");
  }
  const reason = body.reason ? body.reason : null;
  if (rules.kind === "prioritise") {
    const max = rules.maxChoices ?? rules.options.length;
    if (body.choices.length > max) {
      return refuse(
        "too_many_choices",
        "choices",
        `pick at most ${max} of the ${rules.options.length} options`,
      );
    }
  } else if (body.choices.length !== 1) {
    return refuse("invalid_ballot", "choices", "name exactly one choice");
  }
  if (rules.kind !== "consent" && reason !== null) {
    return refuse("invalid_ballot", "reason", "only consent ballots carry a reason");
  }
  if (rules.kind === "consent" && body.choices[0] === "object" && reason === null) {
    return refuse("reason_required", "reason", "an objection needs a reason");
  }
  return { ok: true, ballot: { choices: [...body.choices], reason } };
}

/** A ballot as the tally sees it: no name, just the voter's sector when they cast it. */
export interface TallyBallot {
  sector: Sector;
  choices: string[];
  reason: string | null;
}

/** Counts of one sector, or of several pooled (secret votes with small sectors). */
export interface SectorTally {
  sectors: Sector[];
  ballots: number;
  eligible: number;
  counts: Record<string, number>;
}

export interface VoteResult {
  /** Ballots cast (turnout) and members eligible; frozen when the vote closes. */
  ballots: number;
  eligible: number;
  quorum: number | null;
  /** Null when the vote has no quorum. */
  quorumMet: boolean | null;
  /** Per choice (approve, consent) or option id (prioritise): how many ballots named it. */
  counts: Record<string, number>;
  bySector: SectorTally[];
  /** Consent reasons, without names, in alphabetical order (never in the order cast). */
  reasons: string[];
}

const emptyCounts = (choices: readonly string[]): Record<string, number> =>
  Object.fromEntries(choices.map((choice) => [choice, 0]));

function pool(rows: SectorTally[], choices: readonly string[]): SectorTally {
  const pooled: SectorTally = { sectors: [], ballots: 0, eligible: 0, counts: emptyCounts(choices) };
  for (const row of rows) {
    pooled.sectors.push(...row.sectors);
    pooled.ballots += row.ballots;
    pooled.eligible += row.eligible;
    for (const choice of choices)
      pooled.counts[choice] = (pooled.counts[choice] ?? 0) + (row.counts[choice] ?? 0);
  }
  pooled.sectors.sort((a, b) => SECTORS.indexOf(a) - SECTORS.indexOf(b));
  return pooled;
}

/**
 * The sector rows of a secret vote's result that may be published, so that nobody who controls up
 * to two other voters of a row can isolate one member's ballot in it:
 * 1. rows with 1 to `secretMinGroup - 1` ballots are pooled into one "other sectors" row;
 * 2. the total is published too, so the pool can always be had as the total minus the shown rows:
 *    while it holds fewer than `secretMinGroup` ballots, the smallest shown row joins it;
 * 3. a pool that still holds fewer (all ballots together are too few) is not shown: its ballots
 *    are in the total only.
 * Rows without ballots stay: they tell turnout, which the list of who took part tells anyway, and
 * no choice. The rule is applied to the frozen result when it is computed and again whenever it
 * is served, so results frozen under an older, weaker rule are served under this one; re-applying
 * it to rows it produced changes nothing.
 */
export function secretResultRows(rows: readonly SectorTally[], choices: readonly string[]): SectorTally[] {
  const min = VOTE_LIMITS.secretMinGroup;
  const isSmall = (row: SectorTally) => row.ballots > 0 && row.ballots < min;
  const kept = rows.filter((row) => !isSmall(row));
  const pooledRows = rows.filter(isSmall);
  if (pooledRows.length === 0) return kept;
  let pooled = pool(pooledRows, choices);
  while (pooled.ballots < min) {
    const withBallots = kept.filter((row) => row.ballots > 0);
    if (withBallots.length === 0) return kept;
    const smallest = withBallots.reduce((a, b) => (b.ballots < a.ballots ? b : a));
    kept.splice(kept.indexOf(smallest), 1);
    pooledRows.push(smallest);
    pooled = pool(pooledRows, choices);
  }
  return [...kept, pooled];
}

/**
 * Counts the ballots of a vote: totals, a row per sector (sectors with eligible members or
 * ballots, in the usual sector order), turnout against `eligibleBySector` and the quorum.
 */
export function tallyVote(
  rules: VoteRules,
  ballots: readonly TallyBallot[],
  eligibleBySector: Partial<Record<Sector, number>>,
): VoteResult {
  const choices = validChoices(rules);
  const counts = emptyCounts(choices);
  const rows = new Map<Sector, SectorTally>();
  const rowOf = (sector: Sector): SectorTally => {
    let row = rows.get(sector);
    if (!row) {
      row = {
        sectors: [sector],
        ballots: 0,
        eligible: eligibleBySector[sector] ?? 0,
        counts: emptyCounts(choices),
      };
      rows.set(sector, row);
    }
    return row;
  };
  for (const sector of SECTORS) if ((eligibleBySector[sector] ?? 0) > 0) rowOf(sector);
  const reasons: string[] = [];
  for (const ballot of ballots) {
    const row = rowOf(ballot.sector);
    row.ballots += 1;
    for (const choice of ballot.choices) {
      counts[choice] = (counts[choice] ?? 0) + 1;
      row.counts[choice] = (row.counts[choice] ?? 0) + 1;
    }
    if (ballot.reason !== null) reasons.push(ballot.reason);
  }
  const ordered = SECTORS.flatMap((sector) => rows.get(sector) ?? []);
  const eligible = SECTORS.reduce((sum, sector) => sum + (eligibleBySector[sector] ?? 0), 0);
  return {
    ballots: ballots.length,
    eligible,
    quorum: rules.quorum,
    quorumMet: rules.quorum === null ? null : ballots.length >= rules.quorum,
    counts,
    bySector: rules.secrecy === "secret" ? secretResultRows(ordered, choices) : ordered,
    reasons: reasons.sort((a, b) => a.localeCompare(b)),
  };
}

/** The roles that may vote under an eligibility rule. */
export const eligibleRoles = (eligibility: VoteEligibility, roles: readonly Role[]): Role[] =>
  roles.filter((role) => hasRole(role, eligibility));

/** Response shapes. */
export interface Vote {
  id: string;
  workspaceId: string;
  title: string;
  description: string;
  kind: VoteKind;
  /** Empty unless the kind is prioritise. */
  options: VoteOption[];
  maxChoices: number | null;
  commitmentId: string | null;
  meetingId: string | null;
  eligibility: VoteEligibility;
  secrecy: VoteSecrecy;
  tallies: TallyVisibility;
  quorum: number | null;
  closesAt: string | null;
  openedBy: { userId: string; name: string };
  openedAt: string;
  status: "open" | "closed";
  closedAt: string | null;
  /** Null while open and when the deadline closed it. */
  closedBy: string | null;
  /** Turnout: ballots cast so far, and members eligible (frozen at close). */
  ballots: number;
  eligible: number;
}

/**
 * Who took part: shown for every vote. A secret vote's list gives no sectors: names beside
 * sectors would tell each sector row's voters, the first step to isolating one of them.
 */
export interface Participant {
  userId: string;
  name: string;
  /** Absent for secret votes. */
  sector?: Sector;
}

/** A ballot with its voter: only for open votes, and only when the tallies are visible. */
export interface NamedBallot {
  userId: string;
  name: string;
  sector: Sector;
  choices: string[];
  reason: string | null;
}

/** The caller's own ballot. */
export interface OwnBallot {
  choices: string[];
  reason: string | null;
  castAt: string;
  updatedAt: string;
}

export interface VotesResponse {
  votes: Vote[];
}
export interface VoteResponse {
  vote: Vote;
}
export interface VoteDetailResponse {
  vote: Vote;
  /** Whether the caller may cast or change a ballot now. */
  canVote: boolean;
  myBallot: OwnBallot | null;
  /** Null while hidden (tallies after close, vote still open). */
  results: VoteResult | null;
  participants: Participant[];
  /** Null for secret votes and while the tallies are hidden. */
  ballots: NamedBallot[] | null;
}
export interface BallotResponse {
  ballot: OwnBallot;
}
export interface ClosedVoteResponse {
  vote: Vote;
  results: VoteResult;
}

/** What a closed vote decided, in words the vote page leads with. */
export type VoteOutcome =
  | { kind: "no_quorum" }
  | { kind: "approved" | "rejected" }
  | { kind: "consented" | "blocked" }
  /** The option ids with the most ballots (several on a tie); empty when nobody voted. */
  | { kind: "prioritised"; leaders: string[] };

/**
 * The outcome of a vote from its result: without the quorum nothing is decided; an approval
 * passes with more yes than no (abstentions do not count either way, a tie does not pass); a
 * consent is blocked by any objection; a prioritisation names its most chosen option(s).
 */
export function voteOutcome(kind: VoteKind, result: VoteResult): VoteOutcome {
  if (result.quorumMet === false) return { kind: "no_quorum" };
  const count = (choice: string) => result.counts[choice] ?? 0;
  if (kind === "approve") return { kind: count("yes") > count("no") ? "approved" : "rejected" };
  if (kind === "consent") return { kind: count("object") > 0 ? "blocked" : "consented" };
  const top = Math.max(0, ...Object.values(result.counts));
  const leaders = top === 0 ? [] : Object.keys(result.counts).filter((id) => result.counts[id] === top);
  return { kind: "prioritised", leaders };
}
