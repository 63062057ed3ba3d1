import { useEffect, useReducer } from "react";
import type * as Y from "yjs";

type Observable = Y.Map<unknown> | Y.Array<Y.Map<unknown>>;

/**
 * Re-renders the component when `type` changes. Direct changes only (a key set, an item added),
 * not edits inside nested texts, which every field binds itself; with `deep`, nested events count
 * when `deep` says they matter.
 */
export function useYObserve(
  type: Observable | null,
  deep?: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => boolean,
): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!type) return;
    if (deep) {
      const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        if (deep(events)) bump();
      };
      type.observeDeep(observer);
      return () => type.unobserveDeep(observer);
    }
    type.observe(bump);
    return () => type.unobserve(bump);
  }, [type, deep]);
}
