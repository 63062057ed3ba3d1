import { useCallback, useMemo, useState } from "react";

/** Which commitments are folded to their heading in the reading view (for this visit only). */
export function useCollapsed() {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((id: string) => {
    setIds((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const expand = useCallback((id: string) => {
    setIds((current) => {
      if (!current.has(id)) return current;
      const next = new Set(current);
      next.delete(id);
      return next;
    });
  }, []);
  return useMemo(() => ({ ids, toggle, expand }), [ids, toggle, expand]);
}
