/**
 * The run of a meeting as a pure state machine. The server stores only the transitions (what the
 * facilitator did, and when, by the server's clock); the state, the countdown and the actual
 * minutes per item are all computed from them, here, on both sides.
 */

export const RUN_ACTIONS = ["start", "next", "previous", "pause", "resume", "extend", "end"] as const;
export type RunActionType = (typeof RUN_ACTIONS)[number];

export type RunAction = { type: Exclude<RunActionType, "extend"> } | { type: "extend"; minutes: number };

/** One recorded step of the run: `at` is the server's time in ms since the epoch. */
export interface RunTransition {
  action: RunAction;
  at: number;
}

export type RunStatus = "not_started" | "running" | "paused" | "ended";

export interface RunState {
  status: RunStatus;
  /** The item on screen; null before the start and after the end. */
  currentIndex: number | null;
  /** When the current item's clock last started running (null unless running). */
  runningSince: number | null;
  /** Per item: time spent on it in closed stretches (the running stretch not included). */
  spentMs: number[];
  /** Per item: minutes added by extensions, in ms. */
  extendedMs: number[];
  startedAt: number | null;
  endedAt: number | null;
}

/** Why an action does not apply to the state: the API answers 409 with this code. */
export class RunRefused extends Error {
  constructor(
    readonly code: "run_not_started" | "run_ended" | "run_already_started" | "run_no_item" | "run_status",
    message: string,
  ) {
    super(message);
    this.name = "RunRefused";
  }
}

export const initialRunState = (itemCount: number): RunState => ({
  status: "not_started",
  currentIndex: null,
  runningSince: null,
  spentMs: Array.from({ length: itemCount }, () => 0),
  extendedMs: Array.from({ length: itemCount }, () => 0),
  startedAt: null,
  endedAt: null,
});

/** Closes the running stretch of the current item at `at`. */
function stopClock(state: RunState, at: number): RunState {
  if (state.runningSince === null || state.currentIndex === null) return state;
  const spentMs = [...state.spentMs];
  spentMs[state.currentIndex] = (spentMs[state.currentIndex] ?? 0) + Math.max(0, at - state.runningSince);
  return { ...state, spentMs, runningSince: null };
}

/** Moves to item `index`, keeping the clock running if it was. */
function moveTo(state: RunState, index: number, at: number): RunState {
  const wasRunning = state.status === "running";
  return { ...stopClock(state, at), currentIndex: index, runningSince: wasRunning ? at : null };
}

/**
 * The state after `action` at `at`. Throws RunRefused when the action does not apply: start
 * only once; next not past the last item (end instead), previous not before the first; pause
 * only while running, resume only while paused; nothing after the end. Next and previous keep
 * a paused meeting paused.
 */
export function applyRunAction(state: RunState, action: RunAction, at: number): RunState {
  const itemCount = state.spentMs.length;
  if (state.status === "ended") throw new RunRefused("run_ended", "The meeting has ended.");
  if (action.type === "start") {
    if (state.status !== "not_started") throw new RunRefused("run_already_started", "Already started.");
    if (itemCount === 0) throw new RunRefused("run_no_item", "The agenda has no items.");
    return { ...state, status: "running", currentIndex: 0, runningSince: at, startedAt: at };
  }
  if (state.status === "not_started" || state.currentIndex === null) {
    throw new RunRefused("run_not_started", "Start the meeting first.");
  }
  const index = state.currentIndex;
  switch (action.type) {
    case "next":
      if (index + 1 >= itemCount) throw new RunRefused("run_no_item", "This is the last item: end instead.");
      return moveTo(state, index + 1, at);
    case "previous":
      if (index === 0) throw new RunRefused("run_no_item", "This is the first item.");
      return moveTo(state, index - 1, at);
    case "pause":
      if (state.status !== "running") throw new RunRefused("run_status", "Only a running meeting pauses.");
      return { ...stopClock(state, at), status: "paused" };
    case "resume":
      if (state.status !== "paused") throw new RunRefused("run_status", "Only a paused meeting resumes.");
      return { ...state, status: "running", runningSince: at };
    case "extend": {
      const extendedMs = [...state.extendedMs];
      extendedMs[index] = (extendedMs[index] ?? 0) + action.minutes * 60_000;
      return { ...state, extendedMs };
    }
    case "end":
      return { ...stopClock(state, at), status: "ended", currentIndex: null, endedAt: at };
  }
}

/** The state after every transition, in order (they were each checked when recorded). */
export function replayRun(itemCount: number, transitions: readonly RunTransition[]): RunState {
  return transitions.reduce(
    (state, { action, at }) => applyRunAction(state, action, at),
    initialRunState(itemCount),
  );
}

/**
 * This client's clock offset: how far the server's clock is ahead of ours. `serverNow` came in an
 * answer to a request sent at `sentAt` and received at `receivedAt` (both by our clock); the
 * server read its clock about half-way, so that is the moment we compare with.
 */
export function clockOffset(serverNow: number, sentAt: number, receivedAt: number): number {
  return serverNow - (sentAt + receivedAt) / 2;
}

export interface Countdown {
  index: number;
  /** Time spent on the current item so far. */
  elapsedMs: number;
  /** Its planned minutes plus extensions. */
  allottedMs: number;
  /** Left of the allotted time; negative when overrunning. */
  remainingMs: number;
  overrunMs: number;
  /** When the meeting will end if the rest of the agenda keeps its planned minutes (server clock). */
  projectedEndAt: number;
}

/**
 * The countdown of the current item, as every participant sees it: computed from the shared
 * state and the server's time (`clientNow + offsetMs`), so devices with wrong clocks agree.
 * Null unless the meeting is running or paused.
 */
export function countdown(
  state: RunState,
  plannedMinutes: readonly number[],
  clientNow: number,
  offsetMs: number,
): Countdown | null {
  const index = state.currentIndex;
  if (index === null || (state.status !== "running" && state.status !== "paused")) return null;
  const serverNow = clientNow + offsetMs;
  const running = state.runningSince === null ? 0 : Math.max(0, serverNow - state.runningSince);
  const elapsedMs = (state.spentMs[index] ?? 0) + running;
  const allottedMs = (plannedMinutes[index] ?? 0) * 60_000 + (state.extendedMs[index] ?? 0);
  const remainingMs = allottedMs - elapsedMs;
  const laterMs = plannedMinutes.slice(index + 1).reduce((sum, minutes) => sum + minutes * 60_000, 0);
  return {
    index,
    elapsedMs,
    allottedMs,
    remainingMs,
    overrunMs: Math.max(0, -remainingMs),
    projectedEndAt: serverNow + Math.max(0, remainingMs) + laterMs,
  };
}

/** Minutes actually spent on each item by `now` (rounded to a tenth), the running stretch included. */
export const actualMinutes = (state: RunState, now: number): number[] =>
  stopClock(state, now).spentMs.map((ms) => Math.round(ms / 6_000) / 10);
