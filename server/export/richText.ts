import { richTextPlain, safeLinkHref } from "@shared/freeze";
import type { RichTextJson } from "@shared/plan";
import type { ListInfo, ListPlace, RichBlock, Run } from "./blocks";

/**
 * A frozen rich-text field (ProseMirror JSON of the plan's Tiptap StarterKit editors) as export
 * blocks: paragraphs, headings, bullet and numbered lists (nested), quotes, code blocks and rules,
 * with bold, italic, strike, underline, code and safe links kept. Unknown nodes keep their text;
 * unknown marks and unsafe links are dropped.
 */

/** The inline content of a node as runs; a hard break is a "\n" run. */
function runsOf(node: RichTextJson): Run[] {
  return (node.content ?? []).flatMap((child): Run[] => {
    if (child.type === "hardBreak") return [{ text: "\n" }];
    if (child.type !== "text") return runsOf(child);
    const run: Run = { text: child.text ?? "" };
    for (const mark of child.marks ?? []) {
      if (mark.type === "bold") run.bold = true;
      else if (mark.type === "italic") run.italic = true;
      else if (mark.type === "strike") run.strike = true;
      else if (mark.type === "underline") run.underline = true;
      else if (mark.type === "code") run.code = true;
      else if (mark.type === "link") {
        const href = safeLinkHref(mark.attrs?.href);
        if (href) run.href = href;
      }
    }
    return run.text ? [run] : [];
  });
}

interface Context {
  quote: boolean;
  /** The list item being filled: its first block takes the bullet or number. */
  item?: { place: Omit<ListPlace, "first">; marked: boolean };
}

/**
 * An integer attribute within bounds, or null. Attributes hold whatever JSON a client wrote: a list
 * start past nine digits is no Markdown list (nor, as "1e+21", a DOCX number), a heading level 0
 * would sit level with the field's own heading.
 */
const integerIn = (value: unknown, min: number, max: number): number | null =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max ? value : null;

/**
 * The blocks of `doc`; its headings sit below the field's own heading of level `base`.
 * `empty` stands in for a field with no text.
 */
export function richTextBlocks(doc: RichTextJson, base: number, empty: string): RichBlock[] {
  if (richTextPlain(doc).trim() === "")
    return [{ kind: "rich", style: "paragraph", runs: [{ text: empty }] }];
  const blocks: RichBlock[] = [];
  const push = (block: Omit<RichBlock, "kind" | "quote" | "item">, context: Context) => {
    const { item } = context;
    blocks.push({
      kind: "rich",
      ...block,
      ...(context.quote ? { quote: true } : {}),
      ...(item ? { item: { ...item.place, first: !item.marked } } : {}),
    });
    if (item) item.marked = true;
  };

  const walk = (node: RichTextJson, context: Context): void => {
    switch (node.type) {
      case "paragraph": {
        const runs = runsOf(node);
        // Empty paragraphs are spacing in the editor, not content (except an item's only line).
        if (runs.length > 0 || (context.item && !context.item.marked))
          push({ style: "paragraph", runs }, context);
        return;
      }
      case "heading": {
        const level = Math.min(6, base + (integerIn(node.attrs?.level, 1, 6) ?? 1));
        push({ style: "heading", level, runs: runsOf(node) }, context);
        return;
      }
      case "codeBlock":
        push(
          { style: "code", runs: [{ text: richTextPlain(node).replace(/\n$/, ""), code: true }] },
          context,
        );
        return;
      case "horizontalRule":
        push({ style: "rule", runs: [] }, context);
        return;
      case "blockquote":
        for (const child of node.content ?? []) walk(child, { ...context, quote: true });
        return;
      case "bulletList":
      case "orderedList": {
        const list: ListInfo = {
          ordered: node.type === "orderedList",
          start: integerIn(node.attrs?.start, 0, 999_999_999) ?? 1,
        };
        const depth = context.item ? context.item.place.depth + 1 : 0;
        // An item that opens with a nested list prints no bullet or number of its own.
        if (context.item) context.item.marked = true;
        (node.content ?? []).forEach((listItem, i) => {
          const item = { place: { list, depth, number: list.start + i }, marked: false };
          for (const child of listItem.content ?? []) walk(child, { quote: context.quote, item });
        });
        return;
      }
      default:
        // A node this version of the exports does not know: keep its words.
        if (node.content?.some((child) => child.type === "text" || child.type === "hardBreak"))
          push({ style: "paragraph", runs: runsOf(node) }, context);
        else for (const child of node.content ?? []) walk(child, context);
    }
  };

  for (const child of doc.content ?? []) walk(child, { quote: false });
  return blocks;
}
