/** One splice that turns one string into another. */
export interface Splice {
  index: number;
  remove: number;
  insert: string;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The single splice turning `before` into `after` (common prefix and suffix kept), never cutting
 * a surrogate pair in two: Yjs indexes UTF-16 units, and half an emoji would be stored as U+FFFD.
 */
export function diffStrings(before: string, after: string): Splice {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isLowSurrogate(before.charCodeAt(prefix))) prefix--;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** A Y.Text change, as Y.YTextEvent's `delta` lists it. */
export type TextDelta = readonly { retain?: number; insert?: unknown; delete?: number }[];

/**
 * Where a caret at `position` ends up after a remote change: text inserted before it pushes it
 * right, text deleted before it pulls it left; an insertion exactly at the caret stays after it.
 */
export function mapPosition(delta: TextDelta, position: number): number {
  let index = 0;
  let mapped = position;
  for (const op of delta) {
    if (index >= position) break;
    if (op.retain !== undefined) index += op.retain;
    else if (typeof op.insert === "string") mapped += op.insert.length;
    else if (op.delete !== undefined) {
      mapped -= Math.min(op.delete, position - index);
      index += op.delete;
    }
  }
  return mapped;
}
