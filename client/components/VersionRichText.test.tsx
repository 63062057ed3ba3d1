import type { RichTextJson } from "@shared/plan";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { VersionRichText } from "./VersionRichText";

/** A field with one heading whose level attribute is `level` (any JSON a client could write). */
const withHeading = (level: unknown): RichTextJson => ({
  type: "doc",
  content: [{ type: "heading", attrs: { level }, content: [{ type: "text", text: "Goals" }] }],
});

const html = (value: RichTextJson) =>
  renderToStaticMarkup(<VersionRichText value={value} empty="(empty)" headingLevel={4} />);

describe("VersionRichText", () => {
  it("nests the field's headings under its own heading level", () => {
    expect(html(withHeading(1))).toContain("<h4><span>Goals</span></h4>");
    expect(html(withHeading(2))).toContain("<h5><span>Goals</span></h5>");
    expect(html(withHeading(5))).toContain("<h6><span>Goals</span></h6>");
  });

  it("renders a heading whose level a misbehaving client wrote out of range as a valid heading", () => {
    // Frozen versions are immutable: a level that breaks rendering would break the public page for good.
    for (const level of [-1e21, -3, 0, 2.5, "2", null]) {
      const out = html(withHeading(level));
      expect(out).toMatch(/^<div class="rich-text-view"><h4><span>Goals<\/span><\/h4><\/div>$/);
    }
  });
});
