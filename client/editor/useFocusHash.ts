import { useEffect } from "react";
import { useLocation } from "react-router";
import type { WebsocketProvider } from "y-websocket";

/** Where a person writes: preferred over buttons, which come first in a field with a toolbar. */
const ENTRY = [
  "input:not(:disabled)",
  "textarea:not(:disabled)",
  "select:not(:disabled)",
  '[contenteditable="true"]',
].join(", ");
const CONTROL = `${ENTRY}, button:not(:disabled)`;

/**
 * Scrolls to a part of the plan and focuses its first usable control, or the part itself (made
 * focusable) when it has none, e.g. in the reading view.
 */
export function focusField(field: HTMLElement): void {
  let target = field.matches(CONTROL)
    ? field
    : (field.querySelector<HTMLElement>(ENTRY) ?? field.querySelector<HTMLElement>(CONTROL));
  if (!target) {
    field.tabIndex = -1;
    target = field;
  }
  field.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
}

/**
 * Scrolls to and focuses the field named by the URL's hash (the self-check's "go to field" links,
 * see fieldAnchor), again whenever the hash changes. Commitments appear only once the document has
 * loaded from the server, so it waits for that and then for the field to render; it gives up as
 * soon as the person clicks or types, so it never takes the caret from someone already at work.
 * `resolve` turns a hash into an element id (e.g. a commitment's number into its id).
 */
export function useFocusHash(
  provider: WebsocketProvider,
  resolve: (id: string) => string = (id) => id,
): void {
  const { hash } = useLocation();
  useEffect(() => {
    const named = hash.slice(1);
    if (!named) return;
    const observer = new MutationObserver(() => attempt());
    const attempt = () => {
      if (!provider.synced) return;
      const field = document.getElementById(resolve(named));
      // A part still being replaced (the reading view shown while the editor loads) would lose focus.
      if (!field || field.closest('[aria-busy="true"]')) return;
      stop();
      focusField(field);
    };
    const stop = () => {
      observer.disconnect();
      provider.off("sync", attempt);
      document.removeEventListener("pointerdown", stop, true);
      document.removeEventListener("keydown", stop, true);
    };
    observer.observe(document.body, { childList: true, subtree: true });
    provider.on("sync", attempt);
    document.addEventListener("pointerdown", stop, true);
    document.addEventListener("keydown", stop, true);
    attempt();
    return stop;
  }, [hash, provider, resolve]);
}
