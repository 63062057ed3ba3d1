/** One run of a word diff: text kept, removed (only in the old text) or added (only in the new). */
export interface DiffPart {
  kind: "same" | "removed" | "added";
  text: string;
}

/** Words and the whitespace between them, as separate tokens, so joining them gives the text back. */
export function wordTokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** Above this many token pairs the LCS table would be too large: the texts are shown as replaced. */
const MAX_CELLS = 4_000_000;

/**
 * A word-level diff of two texts: the longest common subsequence of their tokens (words and
 * whitespace), with adjacent runs of one kind merged. Joining the "same" and "removed" parts gives
 * `before`; "same" and "added" give `after`.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  const a = wordTokens(before);
  const b = wordTokens(after);
  // Common head and tail first: edits are usually local, and the table shrinks to the middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    if (!text) return;
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push("same", a.slice(0, head).join(""));
  if ((midA.length + 1) * (midB.length + 1) > MAX_CELLS) {
    push("removed", midA.join(""));
    push("added", midB.join(""));
  } else {
    for (const part of lcsDiff(midA, midB)) push(part.kind, part.text);
  }
  push("same", a.slice(a.length - tail).join(""));
  return parts;
}

function lcsDiff(a: string[], b: string[]): DiffPart[] {
  const cols = b.length + 1;
  // lengths[i * cols + j]: LCS length of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * cols + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * cols + j] ?? 0, lengths[i * cols + j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      parts.push({ kind: "same", text: a[i++] as string });
      j++;
    } else if ((lengths[(i + 1) * cols + j] ?? 0) >= (lengths[i * cols + j + 1] ?? 0)) {
      parts.push({ kind: "removed", text: a[i++] as string });
    } else {
      parts.push({ kind: "added", text: b[j++] as string });
    }
  }
  while (i < a.length) parts.push({ kind: "removed", text: a[i++] as string });
  while (j < b.length) parts.push({ kind: "added", text: b[j++] as string });
  return parts;
}
