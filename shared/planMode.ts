/** Read or Edit on the plan page (see client/reading/usePlanMode.ts). */
export type PlanMode = "read" | "edit";

/**
 * Where this browser keeps a person's last choice of mode. The server's page reads it too, in a
 * short script, to fetch the editor only for a writer who opens the plan in Edit.
 */
export const planModeStorageKey = (userId: string) => `cocrea:planMode:${userId}`;
