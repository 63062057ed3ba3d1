import { useLayoutEffect } from "react";

/**
 * The plan page as the server rendered it into the first response (server/prerender/planPage.ts):
 * the reading view, shown before any script ran, while the app is kept hidden. The app takes over
 * once it shows the same (or anything else): `handOffPrerendered` removes the copy and shows it.
 */

const copy = () => document.getElementById("prerendered");

/** Removes the server's copy of the page and shows the app (once; later calls do nothing). */
export function handOffPrerendered(): void {
  document.getElementById("prerendered-style")?.remove();
  copy()?.remove();
}

/** The plan's stored Yjs state that came with the page for `workspaceId`, or null. */
export function prerenderedPlanState(workspaceId: string): Uint8Array | null {
  const element = copy();
  const encoded = element?.dataset.planState;
  if (!element || element.dataset.workspace !== workspaceId || !encoded) return null;
  try {
    return Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Hands the page over to the app as soon as it renders (an error page, say: it replaces the plan). */
export function HandOffPrerendered(): null {
  useLayoutEffect(handOffPrerendered, []);
  return null;
}

/** The path of a plan page, the only one the server renders in advance. */
export const isPlanPath = (pathname: string) => /^\/w\/[^/]+\/plan\/?$/.test(pathname);
