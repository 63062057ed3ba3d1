import type { RichTextJson } from "@shared/plan";
import { describe, expect, it } from "vitest";
import { toMarkdown } from "./markdown";
import { richTextBlocks } from "./richText";

type Mark = NonNullable<RichTextJson["marks"]>[number];
const text = (value: string, ...marks: Mark[]): RichTextJson =>
  marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value };
const paragraph = (...content: RichTextJson[]): RichTextJson => ({ type: "paragraph", content });
const item = (...content: RichTextJson[]): RichTextJson => ({ type: "listItem", content });
const markdown = (...content: RichTextJson[]) =>
  toMarkdown(richTextBlocks({ type: "doc", content }, 3, "(empty)"));
const bold = { type: "bold" };
const italic = { type: "italic" };

describe("exports as Markdown", () => {
  it("keeps shared delimiters open across runs and puts edge whitespace outside them", () => {
    expect(
      markdown(paragraph(text("a "), text("bold ", bold), text("both", bold, italic), text(" end"))),
    ).toBe("a **bold _both_** end\n");
  });

  it("escapes what the author typed that Markdown would read as formatting", () => {
    expect(markdown(paragraph(text("*not bold* _x_ [y](z) <b> ~~s~~ &amp; 5 & 6")))).toBe(
      "\\*not bold\\* \\_x\\_ \\[y\\](z) \\<b\\> \\~\\~s\\~\\~ \\&amp; 5 & 6\n",
    );
    // Line starts that would make a list, a rule or a heading underline, also after a hard break.
    expect(
      markdown(paragraph(text("1. one"), { type: "hardBreak" }, text("- two"), { type: "hardBreak" })),
    ).toBe("1\\. one\\\n\\- two\n");
  });

  it("writes code spans with a fence longer than the backticks inside", () => {
    expect(markdown(paragraph(text("run "), text("a`b", { type: "code" })))).toBe("run ``a`b``\n");
  });

  it("writes only http, https and mailto links, with destinations that cannot end early", () => {
    const link = (href: string) => ({ type: "link", attrs: { href } });
    expect(
      markdown(
        paragraph(
          text("site", link("https://example.org/a b(c)")),
          text(" mail", link("mailto:team@example.org")),
          text(" script", link("javascript:alert(1)")),
          text(" data", link("data:text/html,x")),
        ),
      ),
    ).toBe("[site](https://example.org/a%20b%28c%29) [mail](mailto:team@example.org) script data\n");
  });

  it("nests lists under their parent's text, numbers from the list's start, and keeps quotes whole", () => {
    const nested = {
      type: "orderedList",
      attrs: { start: 3 },
      content: [item(paragraph(text("three"))), item(paragraph(text("four")), paragraph(text("more")))],
    };
    expect(
      markdown(
        { type: "bulletList", content: [item(paragraph(text("one")), nested), item(paragraph(text("two")))] },
        { type: "blockquote", content: [paragraph(text("q1")), paragraph(text("q2"))] },
        { type: "heading", attrs: { level: 1 }, content: [text("Sub")] },
        { type: "codeBlock", content: [text("a\n```b")] },
      ),
    ).toBe(
      "- one\n  3. three\n  4. four\n\n     more\n- two\n\n> q1\n>\n> q2\n\n#### Sub\n\n````\na\n```b\n````\n",
    );
  });

  it("reads list starts and heading levels a client wrote out of range as the defaults", () => {
    // A frozen version keeps them for good: "1e+21." is no Markdown list and no valid DOCX number.
    for (const start of [1e21, 1e10, -4, 2.5, "7"]) {
      expect(markdown({ type: "orderedList", attrs: { start }, content: [item(paragraph(text("x")))] })).toBe(
        "1. x\n",
      );
    }
    // Level 0 would put the heading level with the field's own (### here), not below it.
    for (const level of [0, -1, 1.5, "2"]) {
      expect(markdown({ type: "heading", attrs: { level }, content: [text("Sub")] })).toBe("#### Sub\n");
    }
  });

  it("writes the empty marker for a field with no words", () => {
    expect(markdown(paragraph(text("  ")))).toBe("(empty)\n");
  });

  it("keeps the line breaks of a plain field, none of its lines starting a list or a heading", () => {
    expect(
      toMarkdown([{ kind: "field", label: "Output", text: "Report\n- signed\n1. published\n# done" }]),
    ).toBe("**Output:** Report\\\n\\- signed\\\n1\\. published\\\n\\# done\n");
  });
});
