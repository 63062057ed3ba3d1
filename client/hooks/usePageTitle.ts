import { useEffect } from "react";

/** Sets the tab title to "<title> · Cocrea" (screen readers announce it on navigation). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Cocrea`;
  }, [title]);
}
