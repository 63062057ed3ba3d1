import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  canonicalJson,
  fieldAnchor,
  freezePlan,
  normalizeRichText,
  richTextPlain,
  selfCheck,
} from "./freeze";
import { addCommitment, appendParagraphs, listCommitments, planToJson } from "./plan";

const WORKSPACE = {
  name: "Open Springfield",
  jurisdiction: "Springfield",
  country: null,
  periodStart: null,
  periodEnd: null,
};
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hashOf = (doc: Y.Doc) => sha256(canonicalJson(freezePlan(WORKSPACE, planToJson(doc))));

describe("canonicalJson", () => {
  it("sorts keys recursively, whatever order they were written in", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 0, y: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":1,"z":0}]},"b":1}',
    );
  });

  it("writes strings in Unicode NFC, so a decomposed é hashes like a composed one", () => {
    expect(canonicalJson({ name: "Mare\u0301" })).toBe(canonicalJson({ name: "Maré" }));
  });

  it("keeps array order and drops undefined values", () => {
    expect(canonicalJson({ list: [3, 1, 2], gone: undefined })).toBe('{"list":[3,1,2]}');
  });
});

describe("hash of a frozen plan", () => {
  /** Two replicas that share ids: what differs is only how the same words were typed. */
  function twoReplicas(): [Y.Doc, Y.Doc] {
    const a = new Y.Doc();
    addCommitment(a, 5);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    return [a, b];
  }

  it("is the same for the same content typed in different orders, with typos and in pieces", () => {
    const [a, b] = twoReplicas();
    const [ca] = listCommitments(a);
    const [cb] = listCommitments(b);
    ca?.text("title")?.insert(0, "Open budget data");
    // b types it backwards in pieces, with a typo fixed on the way.
    const title = cb?.text("title");
    title?.insert(0, "data");
    title?.insert(0, "budgte ");
    title?.delete(0, 7);
    title?.insert(0, "budget ");
    title?.insert(0, "Open ");
    appendParagraphs(ca?.richText("problem") as Y.XmlFragment, ["No one sees the budget."]);
    const paragraph = new Y.XmlElement("paragraph");
    cb?.richText("problem")?.insert(0, [paragraph]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, "budget.");
    text.insert(0, "No one sees the ");
    ca?.setChecked("transparency", true);
    cb?.setChecked("participation", true);
    cb?.setChecked("participation", false);
    cb?.setChecked("transparency", true);
    expect(hashOf(a)).toBe(hashOf(b));
    expect(hashOf(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when one word changes", () => {
    const [a, b] = twoReplicas();
    listCommitments(a)[0]?.text("title")?.insert(0, "Open data");
    listCommitments(b)[0]?.text("title")?.insert(0, "Open date");
    expect(hashOf(a)).not.toBe(hashOf(b));
  });
});

describe("normalizeRichText", () => {
  it("merges adjacent runs with the same marks and sorts marks", () => {
    const node = normalizeRichText({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Open " },
            { type: "text", text: "" },
            { type: "text", text: "data", marks: [{ type: "italic" }, { type: "bold" }] },
            { type: "text", text: "!", marks: [{ type: "bold" }, { type: "italic" }] },
          ],
        },
      ],
    });
    expect(node.content?.[0]?.content).toEqual([
      { type: "text", text: "Open " },
      { type: "text", text: "data!", marks: [{ type: "bold" }, { type: "italic" }] },
    ]);
    expect(richTextPlain(node)).toBe("Open data!");
  });
});

describe("selfCheck", () => {
  it("blocks an empty plan, an empty commitment and too many commitments", () => {
    expect(selfCheck(planToJson(new Y.Doc()), 5).problems.map((p) => p.code)).toContain("no_commitments");
    const doc = new Y.Doc();
    addCommitment(doc, 5);
    addCommitment(doc, 5);
    const result = selfCheck(planToJson(doc), 1);
    expect(result.problems.filter((p) => p.severity === "blocking").map((p) => p.code)).toEqual([
      "too_many_commitments",
      "empty_commitment",
      "empty_commitment",
    ]);
  });

  it("reports each missing part of a started commitment, naming its field", () => {
    const doc = new Y.Doc();
    const commitment = addCommitment(doc, 5);
    commitment?.text("title")?.insert(0, "Open contracting");
    commitment?.setChecked("technology", true);
    commitment?.addMilestone();
    const { problems, blocking } = selfCheck(planToJson(doc), 5);
    const id = commitment?.id ?? "";
    const milestoneId = commitment?.milestones()[0]?.id;
    // The commitment text and the lead agency are missing; a milestone exists.
    expect(blocking).toBe(2);
    expect(problems.map((p) => [p.code, p.commitmentId, p.field])).toEqual([
      ["missing_vision", null, "vision"],
      ["missing_cocreation_summary", null, "cocreationSummary"],
      ["missing_problem", id, "problem"],
      ["missing_commitment_text", id, "commitment"],
      ["missing_lead_agency", id, "leadAgency"],
      ["milestone_without_dates", id, `milestones.${milestoneId}.dates`],
      ["milestone_without_output", id, `milestones.${milestoneId}.output`],
      ["no_ogp_value", id, "ogpValues"],
      ["value_without_justification", id, "ogpValues.technology"],
      ["value_not_counted", id, "ogpValues.technology"],
    ]);
  });

  it("blocks a commitment without commitment text, lead agency or milestone, saying which and where", () => {
    const doc = new Y.Doc();
    addCommitment(doc, 5)?.text("title")?.insert(0, "Complete");
    const second = addCommitment(doc, 5);
    second?.text("title")?.insert(0, "Open budgets");
    const blockingOf = () =>
      selfCheck(planToJson(doc), 5)
        .problems.filter((p) => p.severity === "blocking")
        .map((p) => [p.code, p.commitmentNumber, p.field]);
    expect(blockingOf()).toContainEqual(["missing_commitment_text", 2, "commitment"]);
    expect(blockingOf()).toContainEqual(["missing_lead_agency", 2, "leadAgency"]);
    expect(blockingOf()).toContainEqual(["no_milestones", 2, "milestones"]);
    second?.text("leadAgency")?.insert(0, "Finance department");
    second?.addMilestone();
    expect(blockingOf().filter(([, number]) => number === 2)).toEqual([
      ["missing_commitment_text", 2, "commitment"],
    ]);
  });

  it("accepts a core value only with a justification", () => {
    const doc = new Y.Doc();
    const commitment = addCommitment(doc, 5);
    commitment?.setChecked("accountability", true);
    const codes = () => selfCheck(planToJson(doc), 5).problems.map((p) => p.code);
    expect(codes()).toContain("no_ogp_value");
    commitment?.justification("accountability")?.insert(0, "Citizens can follow the money.");
    expect(codes()).not.toContain("no_ogp_value");
  });
});

describe("fieldAnchor", () => {
  it("names plan fields, commitments and nested fields as element ids", () => {
    expect(fieldAnchor(null, "vision")).toBe("field-vision");
    expect(fieldAnchor("c1", null)).toBe("commitment-c1");
    expect(fieldAnchor("c1", "milestones.m2.output")).toBe("field-c1-milestones-m2-output");
  });
});
