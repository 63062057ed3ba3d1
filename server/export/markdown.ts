import type { Block, RichBlock, Run } from "./blocks";

/**
 * Every Markdown the project writes (plan versions and meeting minutes) goes through this module:
 * user text is escaped here, so no raw HTML, link, image, code or heading can come from what
 * someone typed — only from the structure the exports build.
 */

/** CommonMark ends a line at CR and CRLF too: one form, so no line escapes the line-start escaping. */
const newlines = (text: string): string => text.replace(/\r\n?/g, "\n");

/** Escapes what CommonMark (and GFM's ~~strike~~) would read as formatting inside a line. */
const escapeInline = (text: string): string =>
  text.replace(/([\\`*_[\]<>#|~])/g, "\\$1").replace(/&(?=#?\w+;)/g, "\\&");

/** Text that must stay on one line (a heading, a label, a table cell): line breaks become spaces. */
const oneLine = (text: string): string => escapeInline(text.replace(/\s*(?:\r\n?|\n)\s*/g, " "));

/**
 * Escapes what would open a block at the start of a line (list markers, rules, setext underlines)
 * and drops the indentation that would make it code.
 */
const escapeLineStart = (line: string): string =>
  line
    .replace(/^[ \t]+/, "")
    .replace(/^[-+=]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2");

/**
 * Plain text (a field typed in a textarea) as one Markdown paragraph: its line breaks kept as hard
 * breaks, and no line of it able to start a list, a rule or a heading.
 */
const plainText = (text: string, atLineStart: boolean): string =>
  newlines(text)
    .split("\n")
    .map((line, i) => (i > 0 || atLineStart ? escapeLineStart(escapeInline(line)) : escapeInline(line)))
    .join("\\\n");

interface Delimiter {
  key: string;
  open: string;
  close: string;
}

/** A link destination that cannot end early: parentheses, spaces and brackets percent-encoded. */
const destination = (href: string): string =>
  href.replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

/** A run's marks as Markdown delimiters, outermost first (code is written as a code span). */
function delimiters(run: Run): Delimiter[] {
  const out: Delimiter[] = [];
  if (run.href) out.push({ key: `link ${run.href}`, open: "[", close: `](${destination(run.href)})` });
  if (run.bold) out.push({ key: "bold", open: "**", close: "**" });
  if (run.italic) out.push({ key: "italic", open: "_", close: "_" });
  if (run.strike) out.push({ key: "strike", open: "~~", close: "~~" });
  // Markdown has no underline; CommonMark passes this inline HTML through.
  if (run.underline) out.push({ key: "underline", open: "<u>", close: "</u>" });
  return out;
}

function codeSpan(raw: string): string {
  // A code span is parsed after the lines are: a line break inside could start a heading or a list.
  const text = newlines(raw).replace(/\n/g, " ");
  const fence = "`".repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((ticks) => ticks.length)) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Runs as one Markdown paragraph. Delimiters stay open across runs that share them (so bold text
 * with an italic word inside is `**a _b_ c**`, not colliding `**a****_b_**`), and whitespace at a
 * run's edges goes outside its delimiters, where CommonMark requires it.
 */
function inline(runs: Run[]): string {
  let out = "";
  let open: Delimiter[] = [];
  let pending = "";
  const closeFrom = (keep: number) => {
    for (const delimiter of open.slice(keep).reverse()) out += delimiter.close;
    open = open.slice(0, keep);
  };
  for (const { text, ...marks } of runs) {
    const run = { ...marks, text: newlines(text) };
    if (run.text === "\n") {
      closeFrom(0);
      out += "\\\n";
      pending = "";
      continue;
    }
    const [, lead = "", core = "", trail = ""] = /^(\s*)(.*?)(\s*)$/s.exec(run.text) ?? [];
    if (core === "") {
      pending += run.text;
      continue;
    }
    const wanted = delimiters(run);
    let keep = 0;
    while (keep < open.length && open[keep]?.key === wanted[keep]?.key) keep++;
    closeFrom(keep);
    out +=
      pending +
      lead +
      wanted
        .slice(keep)
        .map((delimiter) => delimiter.open)
        .join("");
    open = wanted;
    out += run.code ? codeSpan(core) : escapeInline(core);
    pending = trail;
  }
  closeFrom(0);
  // A trailing hard break would print as a lone backslash.
  return out.replace(/(\\\n|\s)+$/, "");
}

function richMarkdown(block: RichBlock, columns: number[]): string {
  let lines: string[];
  if (block.style === "rule") lines = ["---"];
  else if (block.style === "code") {
    const text = newlines(block.runs.map((run) => run.text).join(""));
    const fence = "`".repeat(Math.max(2, ...(text.match(/`+/g) ?? []).map((ticks) => ticks.length)) + 1);
    lines = [fence, ...text.split("\n"), fence];
  } else if (block.style === "heading") {
    lines = [`${"#".repeat(block.level ?? 6)} ${inline(block.runs).replace(/\\?\n/g, " ")}`];
  } else {
    lines = inline(block.runs).split("\n").map(escapeLineStart);
  }
  const { item } = block;
  if (item) {
    // Nested items start at their parent's content column; the item's later lines align with its text.
    const indent = item.depth === 0 ? 0 : (columns[item.depth - 1] ?? 2 * item.depth);
    if (item.first) {
      const marker = item.list.ordered ? `${item.number}. ` : "- ";
      columns[item.depth] = indent + marker.length;
      lines = lines.map(
        (line, i) =>
          `${" ".repeat(i === 0 ? indent : indent + marker.length)}${i === 0 ? marker : ""}${line}`,
      );
    } else {
      const column = columns[item.depth] ?? indent + 2;
      lines = lines.map((line) => `${" ".repeat(column)}${line}`);
    }
  }
  return lines.map((line) => (block.quote ? `> ${line}` : line)).join("\n");
}

/** A GFM table; the first row is the header. */
function table(rows: string[][]): string {
  const [header = [], ...body] = rows;
  const row = (cells: string[]) => `| ${cells.map(oneLine).join(" | ")} |`;
  return [row(header), `|${header.map(() => "---").join("|")}|`, ...body.map(row)].join("\n");
}

/** What goes between two blocks: items of one list (and its nested lists) stay tight, a quote stays one quote. */
function separator(previous: Block | undefined, block: Block): string {
  if (previous?.kind !== "rich" || block.kind !== "rich") return "\n\n";
  const [before, item] = [previous.item, block.item];
  if (before && item?.first && (item.depth > 0 || before.depth > 0 || before.list === item.list)) return "\n";
  return previous.quote && block.quote ? "\n>\n" : "\n\n";
}

/** An export as Markdown (CommonMark, GFM strikethrough): headings, bold field labels, formatted rich text. */
export function toMarkdown(blocks: Block[]): string {
  const columns: number[] = [];
  let out = "";
  blocks.forEach((block, i) => {
    if (i > 0) out += separator(blocks[i - 1], block);
    if (block.kind === "heading") out += `${"#".repeat(block.level)} ${oneLine(block.text)}`;
    else if (block.kind === "field") out += `**${oneLine(block.label)}:** ${plainText(block.text, false)}`;
    else if (block.kind === "paragraph") out += plainText(block.text, true);
    else if (block.kind === "table") out += table(block.rows);
    else out += richMarkdown(block, columns);
  });
  return `${out}\n`;
}
