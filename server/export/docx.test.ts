import type { RichTextJson } from "@shared/plan";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { toDocx } from "./docx";
import { richTextBlocks } from "./richText";

const documentXml = (content: RichTextJson[]): string => {
  const docx = toDocx(richTextBlocks({ type: "doc", content }, 2, "(empty)"), "en");
  return strFromU8(unzipSync(docx)["word/document.xml"] ?? new Uint8Array());
};

/** A bullet list nested `depth` lists deep, one item per level, each item's text its level. */
function nested(depth: number, level = 0): RichTextJson {
  const paragraph = { type: "paragraph", content: [{ type: "text", text: `level ${level}` }] };
  return {
    type: "bulletList",
    content: [
      { type: "listItem", content: level < depth ? [paragraph, nested(depth, level + 1)] : [paragraph] },
    ],
  };
}

describe("exports as DOCX", () => {
  it("puts lists nested past Word's nine levels on its last level", () => {
    // Word numbers levels 0–8 only; a deeper w:ilvl is outside the schema.
    const xml = documentXml([nested(11)]);
    const levels = [...xml.matchAll(/<w:ilvl w:val="(\d+)"\/>/g)].map((match) => Number(match[1]));
    expect(levels).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8]);
    expect(xml).toContain("level 11");
  });
});
