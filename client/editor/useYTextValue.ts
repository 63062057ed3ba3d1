import { useSyncExternalStore } from "react";
import type * as Y from "yjs";

/** The live string of a Y.Text (e.g. a commitment's title shown in its heading). */
export function useYTextValue(text: Y.Text | null): string {
  return useSyncExternalStore(
    (onChange) => {
      text?.observe(onChange);
      return () => text?.unobserve(onChange);
    },
    () => text?.toString() ?? "",
  );
}
