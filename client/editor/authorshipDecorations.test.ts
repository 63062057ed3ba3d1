import { getPlan } from "@shared/plan";
import { getSchema } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { EditorAuthorship } from "~/reading/authorship";
import { authorDecorations, authorRanges, textStart } from "./authorshipDecorations";

const schema = getSchema([StarterKit]);

/** Fiona (client 1) writes two paragraphs, the second with bold words; Nuno (client 2) edits both. */
function coWritten() {
  const fiona = new Y.Doc();
  fiona.clientID = 1;
  const nuno = new Y.Doc();
  nuno.clientID = 2;
  const vision = getPlan(fiona).vision;
  const first = new Y.XmlText();
  const second = new Y.XmlText();
  const p1 = new Y.XmlElement("paragraph");
  const p2 = new Y.XmlElement("paragraph");
  vision.insert(0, [p1, p2]);
  p1.insert(0, [first]);
  p2.insert(0, [second]);
  first.insert(0, "We publish contracts.");
  second.insert(0, "Budgets ");
  second.insert(8, "monthly", { bold: true });
  Y.applyUpdate(nuno, Y.encodeStateAsUpdate(fiona));
  const nunoVision = getPlan(nuno).vision;
  const nunoText = (at: number) => (nunoVision.get(at) as Y.XmlElement).get(0) as Y.XmlText;
  nunoText(0).insert("We publish".length, " all");
  nunoText(1).insert(0, "Open ");
  // A third paragraph, all Nuno's.
  const p3 = new Y.XmlElement("paragraph");
  nunoVision.insert(2, [p3]);
  const third = new Y.XmlText();
  p3.insert(0, [third]);
  third.insert(0, "Residents check.");
  Y.applyUpdate(fiona, Y.encodeStateAsUpdate(nuno, Y.encodeStateVector(fiona)));
  return { doc: fiona, vision };
}

/** The editor's document for `fragment`, and y-prosemirror's way to each text's first position. */
function editorOf(fragment: Y.XmlFragment) {
  const { doc, mapping } = initProseMirrorDoc(fragment, schema);
  const positionOf = (text: Y.XmlText) => textStart(text, fragment, mapping);
  return { doc, positionOf };
}

const authorship: EditorAuthorship = {
  byClient: new Map([
    [1, { key: "government", label: "Government", color: "#1d4ed8" }],
    [2, { key: "civil_society", label: "Civil society", color: "#047857" }],
  ]),
  unknown: { key: "unknown", label: "Before authors were recorded", color: "#6b7380" },
  writtenBy: (label) => `Written by ${label}`,
};

describe("authorRanges", () => {
  it("finds each writer's words at their place in the editor, across paragraphs and marks", () => {
    const { vision } = coWritten();
    const { doc, positionOf } = editorOf(vision);
    const ranges = authorRanges(vision, doc, positionOf);
    expect(ranges.map((r) => [doc.textBetween(r.from, r.to), r.clientId])).toEqual([
      ["We publish", 1],
      [" all", 2],
      [" contracts.", 1],
      ["Open ", 2],
      ["Budgets monthly", 1],
      ["Residents check.", 2],
    ]);
  });

  it("leaves out a text the editor does not show yet, rather than colour the wrong words", () => {
    const { vision } = coWritten();
    const { doc, positionOf } = editorOf(vision);
    // Yjs moves on (someone typed) before the editor has caught up.
    ((vision.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Now ");
    const ranges = authorRanges(vision, doc, positionOf);
    expect(ranges.map((r) => doc.textBetween(r.from, r.to))).toEqual([
      "Open ",
      "Budgets monthly",
      "Residents check.",
    ]);
  });

  it("finds nothing in an empty field", () => {
    const fragment = getPlan(new Y.Doc()).vision;
    const { doc, positionOf } = editorOf(fragment);
    expect(authorRanges(fragment, doc, positionOf)).toEqual([]);
  });
});

describe("authorDecorations", () => {
  it("tints and names each passage by its writer, unknown writers as such", () => {
    const { vision } = coWritten();
    const { doc, positionOf } = editorOf(vision);
    const ranges = authorRanges(vision, doc, positionOf);
    const set = authorDecorations(doc, [...ranges, { from: 1, to: 3, clientId: 99 }], authorship);
    const found = set.find().map((d) => ({
      words: doc.textBetween(d.from, d.to),
      attrs: (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs,
    }));
    expect(found).toContainEqual({
      words: " all",
      attrs: {
        class: "authored",
        style: "--author-color: #047857; --author-tint: #dcece7",
        title: "Civil society",
        "aria-description": "Written by Civil society",
      },
    });
    expect(found.filter((d) => d.attrs.title === "Government").map((d) => d.words)).toEqual([
      "We publish",
      " contracts.",
      "Budgets monthly",
    ]);
    expect(found.find((d) => d.words === "We")?.attrs.title).toBe("Before authors were recorded");
  });
});
