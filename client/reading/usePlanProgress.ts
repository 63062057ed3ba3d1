import { type PartProgress, planProgress } from "@shared/dashboard";
import { planToJson } from "@shared/plan";
import { useEffect, useState } from "react";
import type * as Y from "yjs";

/** After typing stops this long, the counts are taken again (reading the whole plan is not free). */
const SETTLE_MS = 400;

const measure = (doc: Y.Doc) => planProgress(planToJson(doc));

/** Each part's progress (see planProgress), following the live document a moment after each change. */
export function usePlanProgress(doc: Y.Doc): Map<string, PartProgress> {
  const [progress, setProgress] = useState(() => measure(doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setProgress(measure(doc)), SETTLE_MS);
    };
    update();
    doc.on("update", update);
    return () => {
      clearTimeout(timer);
      doc.off("update", update);
    };
  }, [doc]);
  return progress;
}
