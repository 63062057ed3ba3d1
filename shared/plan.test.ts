import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addCommitment,
  appendParagraphs,
  getPlan,
  listCommitments,
  moveCommitment,
  planToJson,
  relevantValues,
  removeCommitment,
} from "./plan";

/** Two replicas that exchange every update, like two clients through the server. */
function connectedPair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on("update", (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a));
  b.on("update", (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b));
  return [a, b];
}

/** Brings two replicas that were apart (offline) to the same state. */
function merge(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function titled(doc: Y.Doc, ...titles: string[]): void {
  for (const title of titles) addCommitment(doc, 20)?.text("title")?.insert(0, title);
}

const titles = (doc: Y.Doc) => listCommitments(doc).map((c) => c.text("title")?.toString());

describe("plan document schema", () => {
  it("starts as an empty plan", () => {
    expect(planToJson(new Y.Doc())).toEqual({
      vision: { type: "doc", content: [] },
      cocreationSummary: { type: "doc", content: [] },
      commitments: [],
    });
  });

  it("creates a commitment with every template field in place", () => {
    const doc = new Y.Doc();
    const commitment = addCommitment(doc, 5);
    expect(commitment?.id).toMatch(/^[0-9a-f]{18}$/);
    const json = planToJson(doc).commitments[0];
    expect(json).toMatchObject({
      title: "",
      leadAgency: "",
      startDate: "",
      policyArea: "",
      sdg: null,
      milestones: [],
      relevantValues: [],
      problem: { type: "doc", content: [] },
    });
    expect(Object.keys(json?.ogpValues ?? {})).toEqual([
      "transparency",
      "participation",
      "accountability",
      "technology",
      "inclusion",
    ]);
  });

  it("refuses to add a commitment beyond the workspace's maximum", () => {
    const doc = new Y.Doc();
    expect(addCommitment(doc, 2)).not.toBeNull();
    expect(addCommitment(doc, 2)).not.toBeNull();
    expect(addCommitment(doc, 2)).toBeNull();
    expect(listCommitments(doc)).toHaveLength(2);
  });

  it("merges two people typing into the same title at the same time", () => {
    const a = new Y.Doc();
    titled(a, "Open budget");
    const b = new Y.Doc();
    merge(a, b);
    listCommitments(a)[0]?.text("title")?.insert(0, "Participatory ");
    listCommitments(b)[0]?.text("title")?.insert(11, " portal");
    merge(a, b);
    expect(titles(a)).toEqual(["Participatory Open budget portal"]);
    expect(titles(b)).toEqual(["Participatory Open budget portal"]);
  });
});

describe("moveCommitment", () => {
  it("moves a commitment up and down the agreed order", () => {
    const doc = new Y.Doc();
    titled(doc, "A", "B", "C");
    const [a, , c] = listCommitments(doc);
    expect(moveCommitment(doc, c?.id ?? "", 0)).toBe(true);
    expect(titles(doc)).toEqual(["C", "A", "B"]);
    expect(moveCommitment(doc, a?.id ?? "", 2)).toBe(true);
    expect(titles(doc)).toEqual(["C", "B", "A"]);
    expect(moveCommitment(doc, "missing", 0)).toBe(false);
  });

  it("keeps what a co-author types into a commitment while another moves it", () => {
    const a = new Y.Doc();
    titled(a, "First", "Second");
    const b = new Y.Doc();
    merge(a, b);
    const second = listCommitments(a)[1];
    moveCommitment(a, second?.id ?? "", 0);
    appendParagraphs(listCommitments(b)[1]?.richText("problem") as Y.XmlFragment, [
      "Baseline: 12% of contracts published.",
    ]);
    merge(a, b);
    expect(titles(a)).toEqual(["Second", "First"]);
    expect(titles(b)).toEqual(["Second", "First"]);
    expect(JSON.stringify(planToJson(b).commitments[0]?.problem)).toContain(
      "Baseline: 12% of contracts published.",
    );
  });

  it("keeps a correct order after many moves into the same gap", () => {
    const doc = new Y.Doc();
    titled(doc, "A", "B", "C", "D");
    // Moving the last two alternately right after B halves the gap above position 1 each time,
    // until floating point runs out (about 52 moves) and everything is renumbered.
    for (let i = 0; i < 80; i++) {
      const before = listCommitments(doc).map((c) => c.id);
      moveCommitment(doc, before[3] ?? "", 2);
      expect(listCommitments(doc).map((c) => c.id)).toEqual([before[0], before[1], before[3], before[2]]);
    }
    expect(titles(doc)).toEqual(["A", "B", "C", "D"]);
  });

  it("orders concurrent additions the same way on every replica", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    titled(a, "From A");
    titled(b, "From B");
    merge(a, b);
    expect(titles(a)).toEqual(titles(b));
    expect(titles(a)).toHaveLength(2);
  });
});

describe("removeCommitment", () => {
  it("removes a commitment and undo brings back all its content", () => {
    const [a, b] = connectedPair();
    titled(a, "Keep", "Open contracting");
    const target = listCommitments(a)[1];
    target?.text("leadAgency")?.insert(0, "Procurement office");
    appendParagraphs(target?.richText("problem") as Y.XmlFragment, ["Few bids", "No data"]);
    target?.setChecked("transparency", true);
    target?.justification("transparency")?.insert(0, "Publishes contracts");
    target?.addMilestone()?.text("description")?.insert(0, "Portal online");
    const before = planToJson(a).commitments[1];

    const removal = removeCommitment(a, target?.id ?? "");
    expect(titles(b)).toEqual(["Keep"]);
    b.getText("unrelated").insert(0, "a remote edit meanwhile");
    removal?.undo();

    expect(planToJson(a).commitments[1]).toEqual(before);
    expect(planToJson(b).commitments[1]).toEqual(before);
  });

  it("returns null for a commitment that is not there", () => {
    expect(removeCommitment(new Y.Doc(), "missing")).toBeNull();
  });
});

describe("milestones", () => {
  it("adds, reorders and removes milestones with undo", () => {
    const doc = new Y.Doc();
    const commitment = addCommitment(doc, 5);
    for (const text of ["Draft", "Consult", "Publish"])
      commitment?.addMilestone()?.text("description")?.insert(0, text);
    const descriptions = () => planToJson(doc).commitments[0]?.milestones.map((m) => m.description);
    const [draft, consult] = commitment?.milestones() ?? [];
    draft?.setDate("endDate", "2026-03-31");
    commitment?.moveMilestone(draft?.id ?? "", 2);
    expect(descriptions()).toEqual(["Consult", "Publish", "Draft"]);
    const removal = commitment?.removeMilestone(consult?.id ?? "");
    expect(descriptions()).toEqual(["Publish", "Draft"]);
    removal?.undo();
    expect(descriptions()).toEqual(["Consult", "Publish", "Draft"]);
    expect(planToJson(doc).commitments[0]?.milestones[2]?.endDate).toBe("2026-03-31");
  });
});

describe("relevantValues", () => {
  it("counts the three core values on their own", () => {
    expect(relevantValues(["participation"])).toEqual({ counted: ["participation"], notCounted: [] });
  });

  it("does not count technology or inclusion without a core value", () => {
    expect(relevantValues(["technology", "inclusion"])).toEqual({
      counted: [],
      notCounted: ["technology", "inclusion"],
    });
  });

  it("counts technology and inclusion alongside a core value", () => {
    expect(relevantValues(["inclusion", "accountability", "technology"]).counted).toEqual([
      "accountability",
      "technology",
      "inclusion",
    ]);
  });
});

describe("planToJson", () => {
  it("renders rich text as ProseMirror JSON with marks", () => {
    const doc = new Y.Doc();
    const vision = getPlan(doc).vision;
    appendParagraphs(vision, ["An open city"]);
    const text = (vision.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format(3, 4, { bold: {} });
    text.insert(12, " for all", { link: { href: "https://example.org" } });
    expect(planToJson(doc).vision).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "An " },
            { type: "text", text: "open", marks: [{ type: "bold" }] },
            { type: "text", text: " city" },
            {
              type: "text",
              text: " for all",
              marks: [{ type: "link", attrs: { href: "https://example.org" } }],
            },
          ],
        },
      ],
    });
  });

  it("tolerates a commitment another client wrote with the wrong shape", () => {
    const doc = new Y.Doc();
    const broken = new Y.Map<unknown>();
    broken.set("id", "x");
    broken.set("title", "a string, not a Y.Text");
    broken.set("sdg", 99);
    broken.set("policyArea", "not_an_area");
    getPlan(doc).commitmentArray.push([broken]);
    const [json] = planToJson(doc).commitments;
    expect(json).toMatchObject({ id: "x", title: "", sdg: null, policyArea: "", milestones: [] });
    expect(listCommitments(doc)[0]?.addMilestone()).toBeNull();
  });
});
