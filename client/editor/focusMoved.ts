/**
 * After an item moved, puts focus back on its move button in the same direction (or the other one
 * when it reached the end and that button is disabled), so a keyboard user can keep moving it.
 */
export function focusMoved(containerId: string, direction: -1 | 1): void {
  requestAnimationFrame(() => {
    const container = document.getElementById(containerId);
    const wanted = direction < 0 ? "up" : "down";
    const other = direction < 0 ? "down" : "up";
    const button =
      container?.querySelector<HTMLButtonElement>(`[data-move="${wanted}"]:not(:disabled)`) ??
      container?.querySelector<HTMLButtonElement>(`[data-move="${other}"]:not(:disabled)`);
    button?.focus();
  });
}
