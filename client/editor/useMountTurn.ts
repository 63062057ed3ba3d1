import { useCallback, useEffect, useRef, useState } from "react";

/** Fields waiting for their turn, in the order they asked (the order they appear on the page). */
const waiting: (() => void)[] = [];
let busy = false;

function grantNext(): void {
  const next = waiting.shift();
  busy = next !== undefined;
  next?.();
}

/**
 * Whether this field may create its editor yet. A plan has a dozen or more rich-text fields, and
 * creating all their editors in one go kept a slow phone busy for seconds before any field took
 * typing: they are created one at a time, in page order, each in its own task after the one before
 * has mounted, so the first field is usable at once and the page answers input in between.
 * Call `mounted()` once the editor is on the page (after the render that used the turn).
 */
export function useMountTurn(): { turn: boolean; mounted(): void } {
  const [turn, setTurn] = useState(false);
  /** This field holds the turn and has not passed it on yet. */
  const holding = useRef(false);
  const passOn = useCallback(() => {
    if (!holding.current) return;
    holding.current = false;
    setTimeout(grantNext, 0);
  }, []);
  useEffect(() => {
    let live = true;
    const grant = () => {
      if (!live) {
        grantNext();
        return;
      }
      holding.current = true;
      setTurn(true);
    };
    waiting.push(grant);
    if (!busy) {
      busy = true;
      setTimeout(grantNext, 0);
    }
    return () => {
      live = false;
      const index = waiting.indexOf(grant);
      if (index >= 0) waiting.splice(index, 1);
      passOn();
    };
  }, [passOn]);
  return { turn, mounted: passOn };
}
