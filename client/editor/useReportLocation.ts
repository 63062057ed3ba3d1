import { useCallback } from "react";
import { usePlanEditor } from "./PlanEditorContext";
import { LOCATION_FIELD } from "./usePresence";

/** A focus handler telling co-authors which part of the plan we are in (shown in the presence list). */
export function useReportLocation(place: string): () => void {
  const { provider } = usePlanEditor();
  return useCallback(() => {
    const awareness = provider.awareness;
    if (awareness.getLocalState()?.[LOCATION_FIELD] !== place)
      awareness.setLocalStateField(LOCATION_FIELD, place);
  }, [provider, place]);
}
