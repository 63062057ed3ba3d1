import {
  type ClientRect,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
  pointerWithin,
  type UniqueIdentifier,
} from "@dnd-kit/core";

/** Rects on one row when their tops differ by less than this (px): grid rows share a top. */
const SAME_ROW_PX = 8;

/** Reading order of the columns as laid out: top to bottom by row, then left to right. */
function readingOrder(rects: [UniqueIdentifier, ClientRect][]): UniqueIdentifier[] {
  return [...rects]
    .sort(([, a], [, b]) => (Math.abs(a.top - b.top) < SAME_ROW_PX ? a.left - b.left : a.top - b.top))
    .map(([id]) => id);
}

/**
 * The column a card held with the keyboard goes to: the arrows step through the columns in reading
 * order (right/down forward, left/up back), since the columns wrap and a grid has no "column
 * above" worth guessing. Stays put at either end; null for keys that do not move.
 */
export function nextColumn(
  rects: [UniqueIdentifier, ClientRect][],
  current: UniqueIdentifier | null,
  key: string,
): UniqueIdentifier | null {
  const step =
    key === "ArrowRight" || key === "ArrowDown" ? 1 : key === "ArrowLeft" || key === "ArrowUp" ? -1 : 0;
  if (step === 0) return null;
  const order = readingOrder(rects);
  const at = current === null ? -1 : order.indexOf(current);
  if (at === -1) return order[0] ?? null;
  return order[Math.min(order.length - 1, Math.max(0, at + step))] ?? null;
}

/**
 * dnd-kit's keyboard sensor moves the held card by whatever this returns: here, so that its
 * centre lands on the centre of the next column. With `centreWithin` below, the column under the
 * centre is the one it is over, so each arrow press means exactly one column.
 */
export const columnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { droppableRects, collisionRect, over } = context;
  if (!collisionRect) return undefined;
  const target = nextColumn([...droppableRects.entries()], over?.id ?? null, event.code);
  const rect = target === null ? undefined : droppableRects.get(target);
  if (!rect) return undefined;
  event.preventDefault();
  return {
    x: rect.left + rect.width / 2 - collisionRect.width / 2,
    y: rect.top + rect.height / 2 - collisionRect.height / 2,
  };
};

/**
 * The column under the pointer (mouse, pen or finger); for the keyboard, which has no pointer, the
 * column under the held card's centre. A card starts inside its own column, so picking it up and
 * dropping it at once leaves it where it was.
 */
export const centreWithin: CollisionDetection = (args) => {
  if (args.pointerCoordinates) return pointerWithin(args);
  const { left, top, width, height } = args.collisionRect;
  return pointerWithin({ ...args, pointerCoordinates: { x: left + width / 2, y: top + height / 2 } });
};
