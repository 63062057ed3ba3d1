import type { TextCount } from "@shared/record";
import * as Y from "yjs";

/** Where a piece of text lies: the plan's own fields, a commitment (by id), or a removed commitment. */
export type PartKey = { kind: "plan" } | { kind: "commitment"; commitmentId: string } | { kind: "removed" };

/** Text one Yjs client id wrote into one part of the plan. */
export interface ClientText extends TextCount {
  clientId: number;
  part: PartKey;
}

/** A shared type as Yjs types its roots and parents. */
type SharedType = NonNullable<ReturnType<Y.Doc["share"]["get"]>>;

const PLAN_ROOTS = ["vision", "cocreationSummary"] as const;
const COMMITMENTS_ROOT = "commitments";

/** Unicode code points, so an emoji or an accented letter typed as one counts as one character. */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The string a Y.Map entry holds even when the entry is deleted (the document keeps deleted content). */
function entryString(map: SharedType, key: string): string | null {
  const entry = map._map.get(key);
  const value = entry?.content instanceof Y.ContentAny ? entry.content.getContent().at(-1) : undefined;
  return typeof value === "string" ? value : null;
}

/**
 * Who wrote the plan's text, read from the document's own structs: every string item, by the
 * client id that made it (Yjs stamps each item with it) and the part of the plan it lies in.
 * `written` counts every character ever inserted, `still` those not deleted since. That needs the
 * deleted items' text, so `doc` must be loaded from storage with `gc: false` (storage keeps deleted
 * text; the live copies do not); in a garbage-collected document deleted text is not counted.
 * Text outside the plan's fields (a root type a misbehaving client made up) is not counted.
 */
export function textByClient(doc: Y.Doc): ClientText[] {
  const commitments = doc.share.get(COMMITMENTS_ROOT);
  const counted = new Set<SharedType>(
    [...PLAN_ROOTS, COMMITMENTS_ROOT].flatMap((name) => doc.share.get(name) ?? []),
  );
  const rows = new Map<string, ClientText>();

  // The part of an item's parent type, memoised per type: a field's thousands of items share it.
  const parts = new Map<SharedType, PartKey | null>();
  const partOf = (type: SharedType): PartKey | null => {
    const known = parts.get(type);
    if (known !== undefined) return known;
    let part: PartKey | null;
    const owner = type._item;
    if (owner === null) part = counted.has(type) && type !== commitments ? { kind: "plan" } : null;
    else if (owner.parent === commitments) {
      const commitmentId = entryString(type, "id");
      part =
        owner.deleted || commitmentId === null ? { kind: "removed" } : { kind: "commitment", commitmentId };
    } else part = owner.parent instanceof Y.AbstractType ? partOf(owner.parent) : null;
    parts.set(type, part);
    return part;
  };

  for (const [clientId, structs] of doc.store.clients) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
      if (!(struct.parent instanceof Y.AbstractType)) continue;
      const part = partOf(struct.parent);
      if (part === null) continue;
      const key = `${clientId}\u0000${part.kind === "commitment" ? part.commitmentId : part.kind}`;
      let row = rows.get(key);
      if (!row) {
        row = { clientId, part, written: 0, still: 0 };
        rows.set(key, row);
      }
      const characters = codePoints(struct.content.str);
      row.written += characters;
      if (!struct.deleted) row.still += characters;
    }
  }
  return [...rows.values()];
}
