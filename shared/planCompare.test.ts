import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { freezePlan } from "./freeze";
import { addCommitment, appendParagraphs, listCommitments, moveCommitment, planToJson } from "./plan";
import { comparePlans } from "./planCompare";

const WORKSPACE = { name: "W", jurisdiction: "J", country: null, periodStart: null, periodEnd: null };
const frozen = (doc: Y.Doc) => freezePlan(WORKSPACE, planToJson(doc));

describe("comparePlans", () => {
  it("matches commitments by id, so a moved and edited commitment compares with itself", () => {
    const doc = new Y.Doc();
    addCommitment(doc, 5)?.text("title")?.insert(0, "Open budget");
    addCommitment(doc, 5)?.text("title")?.insert(0, "Open contracts");
    const before = frozen(doc);
    const second = listCommitments(doc)[1];
    moveCommitment(doc, second?.id ?? "", 0);
    second?.text("title")?.insert(5, "public ");
    second?.setChecked("transparency", true);
    const changed = comparePlans(before, frozen(doc)).filter((row) => row.changed);
    expect(changed.map((row) => [row.commitmentId, row.field, row.parts])).toEqual([
      [
        second?.id,
        "title",
        [
          { kind: "same", text: "Open " },
          { kind: "added", text: "public " },
          { kind: "same", text: "contracts" },
        ],
      ],
      [
        second?.id,
        "ogpValues.transparency.checked",
        [
          { kind: "removed", text: "false" },
          { kind: "added", text: "true" },
        ],
      ],
    ]);
  });

  it("lists the fields of a removed commitment as removed and of a new one as added", () => {
    const doc = new Y.Doc();
    const gone = addCommitment(doc, 5);
    gone?.text("title")?.insert(0, "Gone");
    const before = frozen(doc);
    const after = new Y.Doc();
    addCommitment(after, 5)?.text("title")?.insert(0, "New");
    const rows = comparePlans(before, frozen(after));
    expect(rows.find((r) => r.commitmentId === gone?.id && r.field === "title")).toMatchObject({
      before: "Gone",
      after: null,
      changed: true,
    });
    expect(rows.find((r) => r.field === "title" && r.after === "New")).toMatchObject({ before: null });
  });

  it("reports formatting and link addresses that changed under the same words", () => {
    const doc = new Y.Doc();
    const commitment = addCommitment(doc, 5);
    appendParagraphs(commitment?.richText("problem") as Y.XmlFragment, ["Read the audit first"]);
    appendParagraphs(doc.getXmlFragment("vision"), ["See the portal"]);
    const firstText = (fragment: Y.XmlFragment) => (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const problem = firstText(commitment?.richText("problem") as Y.XmlFragment);
    const vision = firstText(doc.getXmlFragment("vision"));
    vision.format(8, 6, { link: { href: "https://portal.example.org" } });
    const before = frozen(doc);
    problem.format(9, 5, { bold: {} });
    vision.format(8, 6, { link: { href: "https://elsewhere.example.com" } });
    vision.insert(0, "Please ");
    const rows = comparePlans(before, frozen(doc)).filter((row) => row.changed);
    expect(rows.map((row) => [row.field, row.formattingChanged, row.links])).toEqual([
      [
        "vision",
        false,
        [
          { kind: "removed", text: "https://portal.example.org/" },
          { kind: "added", text: "https://elsewhere.example.com/" },
        ],
      ],
      ["problem", true, []],
    ]);
    expect(comparePlans(before, before).filter((row) => row.changed)).toEqual([]);
  });

  it("does not call blank lines a formatting change: they are spacing, and the exports drop them", () => {
    const doc = new Y.Doc();
    appendParagraphs(doc.getXmlFragment("cocreationSummary"), ["Three meetings"]);
    const before = frozen(doc);
    // Someone typed in the empty vision and deleted it again; someone pressed Enter after the summary.
    doc.getXmlFragment("vision").insert(0, [new Y.XmlElement("paragraph")]);
    const summary = doc.getXmlFragment("cocreationSummary");
    summary.insert(summary.length, [new Y.XmlElement("paragraph")]);
    expect(comparePlans(before, frozen(doc)).filter((row) => row.changed)).toEqual([]);
  });
});
