import { useCallback, useState } from "react";

export type PlanMode = "read" | "edit";

const storageKey = (userId: string) => `cocrea:planMode:${userId}`;

/** The mode the plan page opens in for this person (see usePlanMode). */
export const initialPlanMode = (userId: string): PlanMode =>
  localStorage.getItem(storageKey(userId)) === "read" ? "read" : "edit";

/**
 * Read or Edit on the plan page. Whoever cannot write always reads; drafters and facilitators
 * start in Edit, and their last choice is remembered per person (on this browser).
 */
export function usePlanMode(userId: string, canWrite: boolean): [PlanMode, (mode: PlanMode) => void] {
  const [chosen, setChosen] = useState<PlanMode>(() => initialPlanMode(userId));
  const choose = useCallback(
    (mode: PlanMode) => {
      localStorage.setItem(storageKey(userId), mode);
      setChosen(mode);
    },
    [userId],
  );
  return [canWrite ? chosen : "read", choose];
}
