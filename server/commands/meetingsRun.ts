import type { RunBody } from "@shared/meetingBodies";
import { applyRunAction, type RunAction, RunRefused, type RunState } from "@shared/meetingRun";
import type { Meeting } from "@shared/meetings";
import { conflict } from "../errors";
import { commitWithEvents } from "../events/commit";
import { toIso } from "../store/ids";
import { requireMember } from "./access";
import { findMeeting, runState, toMeeting } from "./meetings";
import { composeMinutes, type MinutesDeps, minutesSources } from "./meetingsMinutes";

/**
 * Applies a run action (facilitators) at the server's time; a refused step answers 409. Ending
 * records the minutes in the same transaction: from then on they are the workspace's record of
 * the meeting, whatever is edited later.
 */
export async function runMeeting(
  deps: MinutesDeps,
  actorId: string,
  workspaceId: string,
  meetingId: string,
  body: RunBody,
): Promise<{ meeting: Meeting; serverNow: number }> {
  // Checked before reading anything; the transaction checks again, as it is the moment that counts.
  await requireMember(deps.store, workspaceId, actorId, "facilitator");
  await findMeeting(deps.store, workspaceId, meetingId);
  // The minutes' notes and votes are read first: document storage is asynchronous.
  const sources = body.action === "end" ? await minutesSources(deps, actorId, workspaceId, meetingId) : null;
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    const record = await findMeeting(store, workspaceId, meetingId);
    const action: RunAction =
      body.action === "extend" ? { type: "extend", minutes: body.minutes } : { type: body.action };
    let run: RunState;
    try {
      run = applyRunAction(await runState(store, meetingId), action, now);
    } catch (error) {
      if (error instanceof RunRefused) throw conflict(error.code, error.message);
      throw error;
    }
    await store.meetings.appendTransition(meetingId, action, now, actorId);
    emit(workspaceId, actorId, "meeting.run_changed", { meetingId, run, serverNow: now });
    if (sources) {
      const recordedAt = toIso(now);
      const minutes = await composeMinutes(store, record, sources, now, recordedAt);
      await store.meetings.recordMinutes({ meetingId, minutes, at: now, recordedBy: actorId });
      emit(workspaceId, actorId, "meeting.minutes_recorded", { meetingId, recordedAt });
    }
    return { meeting: await toMeeting(store, record), serverNow: now };
  });
}
