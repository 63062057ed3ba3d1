import { useSyncExternalStore } from "react";

/** A Yjs type observed deeply (a map, an array, an XML fragment). */
interface Deep {
  observeDeep(observer: () => void): void;
  unobserveDeep(observer: () => void): void;
}

/** Per type, a counter bumped on every change inside it, so a snapshot tells a change apart. */
const versions = new WeakMap<Deep, number>();

/**
 * Re-renders on every change inside `type` (deep), at most once per frame while someone types:
 * the reading view follows the text live without re-rendering per keystroke.
 */
export function useYDeep(type: Deep | null): number {
  return useSyncExternalStore(
    (onChange) => {
      if (!type) return () => {};
      let frame = 0;
      const observer = () => {
        versions.set(type, (versions.get(type) ?? 0) + 1);
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          onChange();
        });
      };
      type.observeDeep(observer);
      return () => {
        type.unobserveDeep(observer);
        cancelAnimationFrame(frame);
      };
    },
    () => (type ? (versions.get(type) ?? 0) : 0),
    () => 0,
  );
}
