import type { Block } from "./blocks";

/** Escapes what Markdown would otherwise read as formatting at the start of or inside a line. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, "\\$1").replace(/^(\s*)([-+]|\d+\.)(\s)/, "$1\\$2$3");
}

/** An export as Markdown (CommonMark): headings, bold field labels, one paragraph per line. */
export function toMarkdown(blocks: Block[]): string {
  const lines = blocks.map((block) => {
    if (block.kind === "heading") return `${"#".repeat(block.level)} ${escapeMarkdown(block.text)}`;
    if (block.kind === "field") return `**${escapeMarkdown(block.label)}:** ${escapeMarkdown(block.text)}`;
    return escapeMarkdown(block.text);
  });
  return `${lines.join("\n\n")}\n`;
}
