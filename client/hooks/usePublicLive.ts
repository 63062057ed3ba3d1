import type { PlanJson } from "@shared/plan";
import {
  applyPublicLiveFrame,
  type PublicLiveChannel,
  type PublicLiveFrame,
  publicLivePath,
} from "@shared/publicLive";
import { useEffect, useState } from "react";

/** Codes after which trying again cannot help: what is read is no longer public, or too many tabs. */
const FINAL_CODES = new Set([4403, 4404, 4406, 4420]);
const RETRY_MS = [5_000, 15_000, 60_000];

/**
 * The live public draft's plan (issue 15): a read-only socket that receives the public cut as the
 * forum writes it, with no Yjs and no editor in the page (see shared/publicLive.ts). Null until
 * the first frame, and again whenever the socket is down: the caller then polls the REST draft.
 * Retries a dropped socket after a growing pause; stops for good when the server says the draft
 * is no longer public (the next poll then shows why).
 */
export function usePublicLive(slug: string, channel: PublicLiveChannel): PlanJson | null {
  const [plan, setPlan] = useState<PlanJson | null>(null);
  useEffect(() => {
    if (typeof WebSocket === "undefined") return;
    let stopped = false;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const connect = () => {
      const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
      const ws = new WebSocket(`${scheme}//${window.location.host}${publicLivePath(slug, channel)}`);
      socket = ws;
      ws.onmessage = (event) => {
        if (typeof event.data !== "string") return;
        failures = 0;
        const frame = JSON.parse(event.data) as PublicLiveFrame;
        setPlan((current) =>
          frame.t === "plan" ? frame.plan : current && applyPublicLiveFrame(current, frame),
        );
      };
      ws.onclose = (event) => {
        setPlan(null);
        if (stopped || FINAL_CODES.has(event.code)) return;
        const pause = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] ?? 60_000;
        failures++;
        timer = setTimeout(connect, pause);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
      setPlan(null);
    };
  }, [slug, channel]);
  return plan;
}
