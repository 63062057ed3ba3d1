import type { ReactNode } from "react";

/**
 * A table that may scroll sideways on a phone. Keyboard users scroll it too: the region takes focus
 * (and is named, so a screen reader says what it is).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="record-table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
