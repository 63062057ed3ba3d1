import { clockOffset } from "@shared/meetingRun";
import type { Meeting, MeetingResponse } from "@shared/meetings";
import { useCallback, useEffect, useState } from "react";
import { api } from "~/api";

export interface MeetingState {
  meeting: Meeting | undefined;
  error: unknown;
  /** How far the server's clock is ahead of this device's (ms), from the last answer. */
  offsetMs: number;
  /** Takes a fresher meeting from an answer to one of our own requests (a run step, a check-in). */
  accept(answer: MeetingResponse, sentAt: number): void;
}

/**
 * Loads a meeting and again on every workspace event (`revision`). Each answer carries the
 * server's time, from which the clock offset is measured around the request, so every device's
 * countdown follows the server's clock rather than its own.
 */
export function useMeeting(workspaceId: string, meetingId: string, revision: number): MeetingState {
  const [meeting, setMeeting] = useState<Meeting | undefined>(undefined);
  const [offsetMs, setOffsetMs] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const accept = useCallback((answer: MeetingResponse, sentAt: number) => {
    setMeeting(answer.meeting);
    setOffsetMs(clockOffset(answer.serverNow, sentAt, Date.now()));
    setError(null);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the refetch trigger
  useEffect(() => {
    let current = true;
    const sentAt = Date.now();
    api
      .get<MeetingResponse>(
        `/api/workspaces/${encodeURIComponent(workspaceId)}/meetings/${encodeURIComponent(meetingId)}`,
      )
      .then(
        (answer) => current && accept(answer, sentAt),
        (failure: unknown) => current && setError(failure),
      );
    return () => {
      current = false;
    };
  }, [workspaceId, meetingId, revision, accept]);

  return { meeting, error, offsetMs, accept };
}
