import { type Countdown, countdown } from "@shared/meetingRun";
import type { Meeting } from "@shared/meetings";
import { useEffect, useState } from "react";

/** mm:ss (or h:mm:ss) of a duration. */
export function clock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Re-renders every second while `active`. */
function useTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/**
 * The running meeting's countdown, ticking every second, the same on every device (the server's
 * clock through `offsetMs`): the meeting page and the presenter view read the one computation.
 */
export function useRunClock(meeting: Meeting, offsetMs: number): Countdown | null {
  const now = useTick(meeting.run.status === "running");
  return countdown(
    meeting.run,
    meeting.items.map((item) => item.minutes),
    now,
    offsetMs,
  );
}
