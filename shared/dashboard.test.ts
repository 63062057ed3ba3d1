import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  COMMITMENT_TEMPLATE_FIELDS,
  commitmentCompleteness,
  type DashboardVote,
  type NeedsMeFacts,
  needsMe,
  planProgress,
  processPhase,
  setupChecklist,
} from "./dashboard";
import { type Proposal, type SelfCheckResult, type Signature, selfCheck } from "./freeze";
import type { MeetingSummary } from "./meetings";
import { addCommitment, appendParagraphs, getPlan, planToJson } from "./plan";
import { DEFAULT_SIGN_OFF_RULES, signOffState } from "./signOff";

const NOW = Date.parse("2026-12-02T12:00:00Z");
const HOUR = 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

const proposal = (signatures: Pick<Signature, "userId" | "decision">[] = []): Proposal => ({
  id: "p1",
  workspaceId: "w1",
  status: "open",
  hash: "a".repeat(64),
  proposedBy: { userId: "fac", name: "Ana" },
  proposedAt: iso(NOW - HOUR),
  warnings: [],
  signatures: signatures.map((s) => ({
    ...s,
    name: "x",
    organization: null,
    sector: "government",
    role: "drafter",
    hash: "a".repeat(64),
    reason: null,
    at: iso(NOW),
  })),
  rules: DEFAULT_SIGN_OFF_RULES,
  signOff: signOffState(DEFAULT_SIGN_OFF_RULES, []),
  closedAt: null,
  withdrawReason: null,
  versionNumber: null,
});

const meeting = (
  id: string,
  startsAt: number,
  status: MeetingSummary["status"] = "not_started",
): MeetingSummary => ({
  id,
  workspaceId: "w1",
  title: `Meeting ${id}`,
  startsAt: iso(startsAt),
  place: "",
  link: "",
  plannedMinutes: 100,
  status,
  createdAt: iso(NOW - 100 * HOUR),
});

const vote = (
  id: string,
  closesAt: number | null,
  overrides: Partial<DashboardVote> = {},
): DashboardVote => ({
  id,
  title: `Vote ${id}`,
  closesAt: closesAt === null ? null : iso(closesAt),
  eligible: true,
  voted: false,
  ...overrides,
});

const facts = (overrides: Partial<NeedsMeFacts>): NeedsMeFacts => ({
  now: NOW,
  userId: "me",
  role: "commenter",
  proposal: null,
  awaitingResponse: 0,
  openVotes: [],
  meetings: [],
  unansweredInputs: [],
  ...overrides,
});

const kinds = (f: NeedsMeFacts) => needsMe(f).map((s) => s.kind);

describe("needsMe", () => {
  it("asks a drafter to sign an open proposal first, before everything else", () => {
    const steps = kinds(
      facts({
        role: "drafter",
        proposal: proposal(),
        awaitingResponse: 3,
        openVotes: [vote("v1", NOW + HOUR)],
        meetings: [meeting("m1", NOW + 2 * HOUR)],
      }),
    );
    expect(steps).toEqual(["sign", "vote", "respond", "meeting_soon"]);
  });

  it("does not ask for a signature the member already gave or declined", () => {
    expect(
      kinds(facts({ role: "facilitator", proposal: proposal([{ userId: "me", decision: "signed" }]) })),
    ).toEqual([]);
    expect(
      kinds(facts({ role: "drafter", proposal: proposal([{ userId: "me", decision: "declined" }]) })),
    ).toEqual([]);
  });

  it("never asks a commenter or a viewer to sign, nor to answer comments", () => {
    for (const role of ["commenter", "viewer"] as const) {
      expect(kinds(facts({ role, proposal: proposal(), awaitingResponse: 4 }))).toEqual([]);
    }
  });

  it("counts the comments awaiting a reasoned response for drafters and facilitators", () => {
    expect(needsMe(facts({ role: "drafter", awaitingResponse: 4 }))).toEqual([{ kind: "respond", count: 4 }]);
    expect(needsMe(facts({ role: "facilitator", awaitingResponse: 0 }))).toEqual([]);
  });

  it("warns drafters and facilitators of a closed consultation's unanswered inputs, with the count", () => {
    const unansweredInputs = [
      { consultationId: "c1", title: "Consultation on the draft", count: 3 },
      { consultationId: "c0", title: "All answered", count: 0 },
    ];
    for (const role of ["drafter", "facilitator"] as const) {
      expect(needsMe(facts({ role, unansweredInputs }))).toEqual([
        { kind: "answer_inputs", consultationId: "c1", title: "Consultation on the draft", count: 3 },
      ]);
    }
    expect(needsMe(facts({ role: "commenter", unansweredInputs }))).toEqual([]);
  });

  it("lists only votes the member may cast and has not, a vote closing within 48 hours first and urgent", () => {
    const steps = needsMe(
      facts({
        openVotes: [
          vote("later", NOW + 100 * HOUR),
          vote("none", null),
          vote("soon", NOW + 20 * HOUR),
          vote("done", NOW + HOUR, { voted: true }),
          vote("not-mine", NOW + HOUR, { eligible: false }),
        ],
      }),
    );
    expect(steps.map((s) => (s.kind === "vote" ? [s.voteId, s.urgent] : s.kind))).toEqual([
      ["soon", true],
      ["later", false],
      ["none", false],
    ]);
  });

  it("puts a meeting under way right after a signature, and a meeting within a week last", () => {
    expect(
      kinds(facts({ meetings: [meeting("m1", NOW - HOUR, "running")], openVotes: [vote("v", null)] })),
    ).toEqual(["meeting_live", "vote"]);
    expect(needsMe(facts({ meetings: [meeting("far", NOW + 10 * 24 * HOUR)] }))).toEqual([]);
    expect(needsMe(facts({ meetings: [meeting("ended", NOW - HOUR, "ended")] }))).toEqual([]);
    const [step] = needsMe(facts({ meetings: [meeting("b", NOW + 5 * HOUR), meeting("a", NOW + 2 * HOUR)] }));
    expect(step).toMatchObject({ kind: "meeting_soon", meetingId: "a" });
  });
});

describe("processPhase", () => {
  const base = { meetings: 0, commitments: 0, proposalOpen: false, officialVersions: 0 };
  it("moves from setup to co-creation to sign-off to official", () => {
    expect(processPhase(base)).toBe("setup");
    expect(processPhase({ ...base, meetings: 1 })).toBe("cocreation");
    expect(processPhase({ ...base, commitments: 2 })).toBe("cocreation");
    expect(processPhase({ ...base, commitments: 2, proposalOpen: true })).toBe("signoff");
    expect(processPhase({ ...base, commitments: 2, officialVersions: 1 })).toBe("official");
    expect(processPhase({ ...base, officialVersions: 1, proposalOpen: true })).toBe("signoff");
  });
});

describe("commitmentCompleteness", () => {
  it("reads each commitment's missing parts from the self-check, an empty one missing all", () => {
    const check: SelfCheckResult = {
      blocking: 1,
      warnings: 2,
      problems: [
        {
          code: "no_milestones",
          severity: "blocking",
          commitmentId: "c1",
          commitmentNumber: 1,
          field: "milestones",
        },
        {
          code: "missing_vision",
          severity: "warning",
          commitmentId: null,
          commitmentNumber: null,
          field: "vision",
        },
        {
          code: "empty_commitment",
          severity: "blocking",
          commitmentId: "c2",
          commitmentNumber: 2,
          field: null,
        },
      ],
    };
    const [first, second] = commitmentCompleteness([{ id: "c1" }, { id: "c2" }], check);
    expect(first).toMatchObject({ number: 1, missing: ["milestones"] });
    expect(first?.done).toHaveLength(5);
    expect(second?.done).toEqual([]);
    expect(second?.missing).toHaveLength(6);
  });
});

describe("setupChecklist", () => {
  it("needs both government and civil society, a meeting and a vision; absent features are unavailable", () => {
    const items = setupChecklist({
      membersBySector: { government: 2, academia: 1 },
      meetings: 1,
      visionWritten: false,
      features: { forumRules: false, processPage: true },
    });
    expect(items.map((i) => [i.step, i.done, i.available])).toEqual([
      ["invite", false, true],
      ["meeting", true, true],
      ["vision", false, true],
      ["rules", false, false],
      ["publish", false, true],
    ]);
    const invited = setupChecklist({
      membersBySector: { government: 1, civil_society: 1 },
      meetings: 0,
      visionWritten: true,
      features: { forumRules: true, processPage: true },
      forumRulesSet: true,
    });
    expect(invited.filter((i) => i.done).map((i) => i.step)).toEqual(["invite", "vision", "rules"]);
  });
});

describe("planProgress", () => {
  it("counts, per part, the fields written out of every field the template (and the reading view) shows", () => {
    const doc = new Y.Doc();
    appendParagraphs(getPlan(doc).vision, ["Every resident follows public money."]);
    const empty = addCommitment(doc, 5);
    const written = addCommitment(doc, 5);
    if (!empty || !written) throw new Error("no commitment");
    written.text("title")?.insert(0, "Open contracting");
    written.text("leadAgency")?.insert(0, "Public Works");
    appendParagraphs(written.richText("commitment") as Y.XmlFragment, ["Publish every tender."]);
    // Checked but not justified: the reading view says so, the OGP values are not written yet.
    written.setChecked("transparency", true);
    const progress = planProgress(planToJson(doc));
    expect(progress.get("vision")).toEqual({ done: 1, total: 1 });
    expect(progress.get("cocreationSummary")).toEqual({ done: 0, total: 1 });
    expect(progress.get(empty.id)).toEqual({ done: 0, total: COMMITMENT_TEMPLATE_FIELDS.length });
    expect(progress.get(written.id)).toEqual({ done: 3, total: 14 });

    // Everything the self-check asks for is there: the reading view still shows contact person,
    // period, contribution, actors, policy area, SDG and budget as not written, and an empty milestone.
    written.justification("transparency")?.insert(0, "Every tender is public.");
    const milestone = written.addMilestone();
    appendParagraphs(written.richText("problem") as Y.XmlFragment, ["Tenders are hard to follow."]);
    const checked = planToJson(doc);
    const blocking = selfCheck(checked, 5).problems.filter((p) => p.severity === "blocking");
    expect(blocking.filter((p) => p.commitmentId === written.id)).toEqual([]);
    expect(planProgress(checked).get(written.id)).toEqual({ done: 5, total: 14 });

    // A milestone counts once nothing in its row is missing; a period once both dates are set.
    milestone?.text("description")?.insert(0, "Portal live");
    milestone?.text("output")?.insert(0, "Portal");
    milestone?.text("responsible")?.insert(0, "IT");
    milestone?.setDate("startDate", "2027-01-01");
    written.setDate("startDate", "2027-01-01");
    expect(planProgress(planToJson(doc)).get(written.id)).toEqual({ done: 5, total: 14 });
    milestone?.setDate("endDate", "2027-06-30");
    written.setDate("endDate", "2027-12-31");
    expect(planProgress(planToJson(doc)).get(written.id)).toEqual({ done: 7, total: 14 });

    written.text("contactPerson")?.insert(0, "Ana");
    appendParagraphs(written.richText("contribution") as Y.XmlFragment, ["Less waste."]);
    written.text("governmentActors")?.insert(0, "Finance");
    written.text("nonGovernmentActors")?.insert(0, "Civic tech");
    written.policyArea = "open_contracting";
    written.sdg = 16;
    written.text("budget")?.insert(0, "€10,000");
    expect(planProgress(planToJson(doc)).get(written.id)).toEqual({ done: 14, total: 14 });
  });
});
