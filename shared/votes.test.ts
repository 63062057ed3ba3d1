import { describe, expect, it } from "vitest";
import type { Sector } from "./roles";
import { openVoteBody } from "./voteBodies";
import {
  checkBallot,
  numberOptions,
  type SectorTally,
  secretResultRows,
  type TallyBallot,
  tallyVote,
  type VoteResult,
  type VoteRules,
  voteOutcome,
} from "./votes";

const approve: VoteRules = { kind: "approve", options: [], maxChoices: null, secrecy: "open", quorum: null };
const consent: VoteRules = { ...approve, kind: "consent" };
const prioritise: VoteRules = {
  ...approve,
  kind: "prioritise",
  options: numberOptions(
    ["Open budget", "Open contracting", "Open data", "Participation"].map((label) => ({ label })),
  ),
  maxChoices: 2,
};

const ballot = (sector: Sector, ...choices: string[]): TallyBallot => ({ sector, choices, reason: null });

describe("checkBallot", () => {
  it("accepts one of the kind's choices", () => {
    expect(checkBallot(approve, { choices: ["yes"] })).toEqual({
      ok: true,
      ballot: { choices: ["yes"], reason: null },
    });
    expect(checkBallot(consent, { choices: ["stand_aside"], reason: "Not my field" })).toMatchObject({
      ok: true,
    });
  });

  it("refuses a choice that belongs to another kind", () => {
    expect(checkBallot(approve, { choices: ["agree"] })).toMatchObject({ ok: false, code: "invalid_ballot" });
    expect(checkBallot(prioritise, { choices: ["yes"] })).toMatchObject({
      ok: false,
      code: "invalid_ballot",
    });
  });

  it("refuses two choices on an approve or consent ballot, and the same option twice", () => {
    expect(checkBallot(approve, { choices: ["yes", "no"] })).toMatchObject({
      ok: false,
      code: "invalid_ballot",
    });
    expect(checkBallot(prioritise, { choices: ["o1", "o1"] })).toMatchObject({
      ok: false,
      code: "invalid_ballot",
    });
  });

  it("lets a prioritise ballot pick up to K options and refuses more", () => {
    expect(checkBallot(prioritise, { choices: ["o1", "o4"] })).toMatchObject({ ok: true });
    expect(checkBallot(prioritise, { choices: ["o1", "o2", "o3"] })).toMatchObject({
      ok: false,
      code: "too_many_choices",
    });
  });

  it("requires a reason with an objection", () => {
    expect(checkBallot(consent, { choices: ["object"] })).toMatchObject({
      ok: false,
      code: "reason_required",
    });
    expect(checkBallot(consent, { choices: ["object"], reason: "" })).toMatchObject({
      ok: false,
      code: "reason_required",
    });
    expect(checkBallot(consent, { choices: ["object"], reason: "The budget is missing" })).toEqual({
      ok: true,
      ballot: { choices: ["object"], reason: "The budget is missing" },
    });
  });

  it("refuses a reason on a ballot that is not consent", () => {
    expect(checkBallot(approve, { choices: ["no"], reason: "why not" })).toMatchObject({
      ok: false,
      code: "invalid_ballot",
      path: "reason",
    });
  });
});

describe("openVoteBody", () => {
  const base = { title: "Which commitments go into the plan?" };

  it("refuses live tallies for a secret vote", () => {
    const parsed = openVoteBody.safeParse({ ...base, kind: "approve", secrecy: "secret", tallies: "live" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["tallies"]);
  });

  it("refuses K above the number of options, and options repeated in other case", () => {
    const tooMany = openVoteBody.safeParse({
      ...base,
      kind: "prioritise",
      options: ["A", "B"],
      maxChoices: 3,
    });
    expect(tooMany.error?.issues[0]?.path).toEqual(["maxChoices"]);
    const repeated = openVoteBody.safeParse({
      ...base,
      kind: "prioritise",
      options: ["Open data", "open data"],
      maxChoices: 1,
    });
    expect(repeated.error?.issues[0]?.path).toEqual(["options"]);
  });

  it("refuses options on an approve vote", () => {
    expect(openVoteBody.safeParse({ ...base, kind: "approve", options: ["A", "B"] }).success).toBe(false);
  });
});

describe("tallyVote", () => {
  it("counts totals and a row per sector in the usual order, with turnout and quorum", () => {
    const result = tallyVote(
      { ...approve, quorum: 4 },
      [ballot("civil_society", "yes"), ballot("government", "no"), ballot("government", "yes")],
      { government: 2, civil_society: 3, academia: 1 },
    );
    expect(result).toMatchObject({ ballots: 3, eligible: 6, quorum: 4, quorumMet: false });
    expect(result.counts).toEqual({ yes: 2, no: 1, abstain: 0 });
    expect(result.bySector).toEqual([
      { sectors: ["government"], ballots: 2, eligible: 2, counts: { yes: 1, no: 1, abstain: 0 } },
      { sectors: ["civil_society"], ballots: 1, eligible: 3, counts: { yes: 1, no: 0, abstain: 0 } },
      { sectors: ["academia"], ballots: 0, eligible: 1, counts: { yes: 0, no: 0, abstain: 0 } },
    ]);
  });

  it("counts every option a prioritise ballot picks", () => {
    const result = tallyVote(prioritise, [ballot("citizen", "o1", "o3"), ballot("citizen", "o3")], {
      citizen: 2,
    });
    expect(result.counts).toEqual({ o1: 1, o2: 0, o3: 2, o4: 0 });
    expect(result.quorumMet).toBeNull();
  });

  it("lists consent reasons without names, alphabetically rather than in the order cast", () => {
    const result = tallyVote(
      consent,
      [
        { sector: "government", choices: ["object"], reason: "Too costly" },
        { sector: "academia", choices: ["stand_aside"], reason: "Conflict of interest" },
      ],
      {},
    );
    expect(result.reasons).toEqual(["Conflict of interest", "Too costly"]);
  });

  it("pools the sectors of a secret vote with fewer than five ballots into one row", () => {
    const secret = { ...approve, secrecy: "secret" as const };
    const ballots = [
      ...Array.from({ length: 3 }, () => ballot("government", "no")),
      ...Array.from({ length: 5 }, () => ballot("civil_society", "yes")),
      ballot("academia", "yes"),
      ballot("academia", "abstain"),
    ];
    const rows = tallyVote(secret, ballots, {
      government: 3,
      civil_society: 5,
      academia: 2,
      citizen: 4,
    }).bySector;
    expect(rows).toEqual([
      { sectors: ["civil_society"], ballots: 5, eligible: 5, counts: { yes: 5, no: 0, abstain: 0 } },
      { sectors: ["citizen"], ballots: 0, eligible: 4, counts: { yes: 0, no: 0, abstain: 0 } },
      { sectors: ["government", "academia"], ballots: 5, eligible: 5, counts: { yes: 1, no: 3, abstain: 1 } },
    ]);
  });
  it("shows each sector of an open vote on its own, however small", () => {
    const rows = tallyVote(
      approve,
      [ballot("government", "no"), ballot("civil_society", "yes")],
      {},
    ).bySector;
    expect(rows.map((row) => row.sectors)).toEqual([["government"], ["civil_society"]]);
  });
});

describe("secretResultRows", () => {
  const choices = ["yes", "no", "abstain"];
  const row = (sectors: Sector[], yes: number, no = 0): SectorTally => ({
    sectors,
    ballots: yes + no,
    eligible: yes + no,
    counts: { yes, no, abstain: 0 },
  });
  const shown = (rows: SectorTally[]) => rows.map((r) => [r.sectors.join("+"), r.ballots]);

  it("leaves rows of five ballots or more, and rows without ballots, as they are", () => {
    const rows = [row(["government"], 5), row(["civil_society"], 3, 4), row(["academia"], 0)];
    expect(secretResultRows(rows, choices)).toEqual(rows);
  });

  it("pools a member's row of three (them and two accounts someone else controls)", () => {
    // The attack: a target alone in civil society, and two accounts of the facilitator's joining it.
    const rows = [row(["government"], 6), row(["civil_society"], 2, 1), row(["academia"], 2)];
    expect(shown(secretResultRows(rows, choices))).toEqual([
      ["government", 6],
      ["civil_society+academia", 5],
    ]);
  });

  it("folds the smallest shown row into a pool that is still under five, since the total minus the shown rows is the pool", () => {
    const rows = [row(["government"], 7), row(["civil_society"], 5), row(["citizen"], 2)];
    expect(shown(secretResultRows(rows, choices))).toEqual([
      ["government", 7],
      ["civil_society+citizen", 7],
    ]);
  });

  it("shows no row with ballots when all of them together are fewer than five: the total only", () => {
    const rows = [row(["government"], 2), row(["civil_society"], 2), row(["academia"], 0)];
    expect(shown(secretResultRows(rows, choices))).toEqual([["academia", 0]]);
  });

  it("leaves no published row, and no difference between the total and the shown rows, of one to four ballots", () => {
    // Every distribution of up to 9 ballots over four sectors.
    const failures: string[] = [];
    for (let n = 0; n < 10 ** 4; n++) {
      const sizes = [0, 1, 2, 3].map((i) => Math.floor(n / 10 ** i) % 10);
      const rows = (["government", "civil_society", "academia", "citizen"] as const).map((sector, i) =>
        row([sector], sizes[i] ?? 0),
      );
      const result = secretResultRows(rows, choices);
      const total = sizes.reduce((a, b) => a + b, 0);
      const rest = total - result.reduce((sum, r) => sum + r.ballots, 0);
      const smallRow = result.some((r) => r.ballots > 0 && r.ballots < 5);
      const smallRest = total >= 5 ? rest !== 0 : rest !== total;
      // Applying the rule again changes nothing (results frozen by it are served through it again).
      const unstable = JSON.stringify(secretResultRows(result, choices)) !== JSON.stringify(result);
      if (smallRow || smallRest || unstable) failures.push(sizes.join(","));
    }
    expect(failures).toEqual([]);
  });
});

describe("voteOutcome", () => {
  const result = (counts: Record<string, number>, quorumMet: boolean | null = null): VoteResult => ({
    ballots: Object.values(counts).reduce((a, b) => a + b, 0),
    eligible: 20,
    quorum: quorumMet === null ? null : 10,
    quorumMet,
    counts,
    bySector: [],
    reasons: [],
  });

  it("approves with more yes than no, abstentions aside, and not on a tie", () => {
    expect(voteOutcome("approve", result({ yes: 12, no: 3, abstain: 2 }, true))).toEqual({
      kind: "approved",
    });
    expect(voteOutcome("approve", result({ yes: 3, no: 3, abstain: 9 }))).toEqual({ kind: "rejected" });
    expect(voteOutcome("approve", result({ yes: 2, no: 5, abstain: 0 }))).toEqual({ kind: "rejected" });
  });

  it("decides nothing when the quorum was not met", () => {
    expect(voteOutcome("approve", result({ yes: 5, no: 0, abstain: 0 }, false))).toEqual({
      kind: "no_quorum",
    });
  });

  it("is blocked by a single objection in a consent vote", () => {
    expect(voteOutcome("consent", result({ agree: 9, stand_aside: 2, object: 0 }))).toEqual({
      kind: "consented",
    });
    expect(voteOutcome("consent", result({ agree: 9, stand_aside: 0, object: 1 }))).toEqual({
      kind: "blocked",
    });
  });

  it("names the most chosen options of a prioritisation, all of them on a tie", () => {
    expect(voteOutcome("prioritise", result({ a: 4, b: 7, c: 7 }))).toEqual({
      kind: "prioritised",
      leaders: ["b", "c"],
    });
    expect(voteOutcome("prioritise", result({ a: 0, b: 0 }))).toEqual({ kind: "prioritised", leaders: [] });
  });
});
