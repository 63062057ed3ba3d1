import { type Commitment, getPlan, listCommitments } from "@shared/plan";
import { useCallback } from "react";
import * as Y from "yjs";
import { useYObserve } from "./useYObserve";

/**
 * The plan's commitments in their agreed order, re-rendering when one is added, removed or moved
 * (its position set), not on typing: each commitment's view follows its own fields.
 */
export function useCommitmentOrder(doc: Y.Doc): Commitment[] {
  const array = getPlan(doc).commitmentArray;
  const listChanged = useCallback(
    (events: Y.YEvent<Y.AbstractType<unknown>>[]) =>
      events.some(
        (event) =>
          event.target === array ||
          (event.target.parent === array &&
            event instanceof Y.YMapEvent &&
            event.keysChanged.has("position")),
      ),
    [array],
  );
  useYObserve(array, listChanged);
  return listCommitments(doc);
}
