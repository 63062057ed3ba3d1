import { useEffect, useState } from "react";

/**
 * The part of the plan on screen: of the elements with these ids, the first (in document order)
 * that reaches into the top third of the viewport. Watched with an IntersectionObserver; elements
 * that appear later (the editor replacing the reading view) are picked up as they are rendered.
 */
export function useCurrentPart(ids: readonly string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  const key = ids.join(" ");
  useEffect(() => {
    const order = key.split(" ");
    const visible = new Set<string>();
    const observed = new Map<string, Element>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) visible.add(entry.target.id);
          else visible.delete(entry.target.id);
        }
        const first = order.find((id) => visible.has(id));
        if (first) setCurrent(first);
      },
      { rootMargin: "0px 0px -66% 0px" },
    );
    const attach = () => {
      for (const id of order) {
        const element = document.getElementById(id);
        if (!element || observed.get(id) === element) continue;
        const previous = observed.get(id);
        if (previous) observer.unobserve(previous);
        observed.set(id, element);
        observer.observe(element);
      }
    };
    attach();
    // The parts are re-rendered when the view changes (Read, Edit, the editor arriving).
    const main = document.querySelector(".plan-main");
    const mutations = new MutationObserver(attach);
    if (main) mutations.observe(main, { childList: true });
    return () => {
      observer.disconnect();
      mutations.disconnect();
    };
  }, [key]);
  return current;
}
