import { describe, expect, it } from "vitest";
import {
  actualMinutes,
  applyRunAction,
  clockOffset,
  countdown,
  initialRunState,
  type RunAction,
  RunRefused,
  type RunState,
  replayRun,
} from "./meetingRun";
import { agendaTotals, COORDINATION_TEMPLATE, coordinationItems } from "./meetings";

const MIN = 60_000;
const T0 = 1_700_000_000_000;
const planned = [15, 10, 15];

/** Applies actions at the given minutes after T0. */
const run = (steps: [number, RunAction][], itemCount = planned.length): RunState =>
  replayRun(
    itemCount,
    steps.map(([minute, action]) => ({ action, at: T0 + minute * MIN })),
  );

const refusal = (state: RunState, action: RunAction): string | null => {
  try {
    applyRunAction(state, action, T0);
    return null;
  } catch (error) {
    return error instanceof RunRefused ? error.code : "other";
  }
};

describe("the run-state machine", () => {
  it("starts on the first item with its clock running", () => {
    const state = run([[0, { type: "start" }]]);
    expect(state).toMatchObject({ status: "running", currentIndex: 0, runningSince: T0, startedAt: T0 });
  });

  it("charges each item the time spent on it when moving next and previous", () => {
    const state = run([
      [0, { type: "start" }],
      [12, { type: "next" }],
      [20, { type: "previous" }],
      [23, { type: "next" }],
    ]);
    expect(state.currentIndex).toBe(1);
    expect(state.spentMs.slice(0, 2)).toEqual([15 * MIN, 8 * MIN]);
  });

  it("stops the clock while paused and restarts it on resume", () => {
    const state = run([
      [0, { type: "start" }],
      [5, { type: "pause" }],
      [30, { type: "resume" }],
      [32, { type: "end" }],
    ]);
    expect(state.spentMs[0]).toBe(7 * MIN);
    expect(state).toMatchObject({ status: "ended", currentIndex: null, endedAt: T0 + 32 * MIN });
  });

  it("keeps a paused meeting paused when moving to another item", () => {
    const state = run([
      [0, { type: "start" }],
      [5, { type: "pause" }],
      [6, { type: "next" }],
    ]);
    expect(state).toMatchObject({ status: "paused", currentIndex: 1, runningSince: null });
    expect(state.spentMs).toEqual([5 * MIN, 0, 0]);
  });

  it("adds extensions to the current item only", () => {
    const state = run([
      [0, { type: "start" }],
      [1, { type: "extend", minutes: 5 }],
      [2, { type: "extend", minutes: 3 }],
    ]);
    expect(state.extendedMs).toEqual([8 * MIN, 0, 0]);
  });

  it.each<[string, () => RunState, RunAction, string]>([
    ["starting twice", () => run([[0, { type: "start" }]]), { type: "start" }, "run_already_started"],
    ["next before the start", () => initialRunState(3), { type: "next" }, "run_not_started"],
    ["pausing before the start", () => initialRunState(3), { type: "pause" }, "run_not_started"],
    ["ending before the start", () => initialRunState(3), { type: "end" }, "run_not_started"],
    ["starting an empty agenda", () => initialRunState(0), { type: "start" }, "run_no_item"],
    ["previous on the first item", () => run([[0, { type: "start" }]]), { type: "previous" }, "run_no_item"],
    [
      "next on the last item",
      () =>
        run([
          [0, { type: "start" }],
          [1, { type: "next" }],
          [2, { type: "next" }],
        ]),
      { type: "next" },
      "run_no_item",
    ],
    ["resuming a running meeting", () => run([[0, { type: "start" }]]), { type: "resume" }, "run_status"],
    [
      "pausing a paused meeting",
      () =>
        run([
          [0, { type: "start" }],
          [1, { type: "pause" }],
        ]),
      { type: "pause" },
      "run_status",
    ],
    [
      "anything after the end",
      () =>
        run([
          [0, { type: "start" }],
          [1, { type: "end" }],
        ]),
      { type: "resume" },
      "run_ended",
    ],
  ])("refuses %s", (_, state, action, code) => {
    expect(refusal(state(), action)).toBe(code);
  });
});

describe("the countdown", () => {
  it("counts the current item down from its planned minutes by the server's clock", () => {
    const state = run([[0, { type: "start" }]]);
    const shown = countdown(state, planned, T0 + 4 * MIN, 0);
    expect(shown).toMatchObject({ index: 0, elapsedMs: 4 * MIN, remainingMs: 11 * MIN, overrunMs: 0 });
    expect(shown?.projectedEndAt).toBe(T0 + 4 * MIN + 11 * MIN + 25 * MIN);
  });

  it("shows the same remaining time on clients whose clocks differ, once each applies its offset", () => {
    const state = run([[0, { type: "start" }]]);
    const serverNow = T0 + 4 * MIN;
    // One client's clock is 3 minutes behind the server, another's 90 s ahead; each measured its
    // offset from an answer that took 200 ms.
    const slow = serverNow - 3 * MIN;
    const fast = serverNow + 90_000;
    const slowOffset = clockOffset(serverNow, slow - 100, slow + 100);
    const fastOffset = clockOffset(serverNow, fast - 100, fast + 100);
    expect(slowOffset).toBe(3 * MIN);
    expect(countdown(state, planned, slow, slowOffset)?.remainingMs).toBe(11 * MIN);
    expect(countdown(state, planned, fast, fastOffset)?.remainingMs).toBe(11 * MIN);
    // Uncorrected, the slow client would be 3 minutes off.
    expect(countdown(state, planned, slow, 0)?.remainingMs).toBe(14 * MIN);
  });

  it("reports an overrun and pushes the projected end back by it", () => {
    const state = run([[0, { type: "start" }]]);
    const shown = countdown(state, planned, T0 + 18 * MIN, 0);
    expect(shown).toMatchObject({ remainingMs: -3 * MIN, overrunMs: 3 * MIN });
    expect(shown?.projectedEndAt).toBe(T0 + 18 * MIN + 25 * MIN);
  });

  it("counts extensions into the allotted time", () => {
    const state = run([
      [0, { type: "start" }],
      [14, { type: "extend", minutes: 5 }],
    ]);
    expect(countdown(state, planned, T0 + 18 * MIN, 0)).toMatchObject({ allottedMs: 20 * MIN, overrunMs: 0 });
  });

  it("freezes while paused", () => {
    const state = run([
      [0, { type: "start" }],
      [4, { type: "pause" }],
    ]);
    expect(countdown(state, planned, T0 + 50 * MIN, 0)?.remainingMs).toBe(11 * MIN);
  });

  it("is absent before the start and after the end", () => {
    expect(countdown(initialRunState(3), planned, T0, 0)).toBeNull();
    expect(
      countdown(
        run([
          [0, { type: "start" }],
          [1, { type: "end" }],
        ]),
        planned,
        T0,
        0,
      ),
    ).toBeNull();
  });
});

describe("actual minutes", () => {
  it("include the running stretch of the current item", () => {
    const state = run([
      [0, { type: "start" }],
      [16.5, { type: "next" }],
    ]);
    expect(actualMinutes(state, T0 + 20 * MIN)).toEqual([16.5, 3.5, 0]);
  });
});

describe("the coordination template", () => {
  it("has six items adding up to 110 minutes against the guide's printed 100", () => {
    const items = coordinationItems("en");
    expect(items).toHaveLength(6);
    expect(agendaTotals(items, COORDINATION_TEMPLATE.plannedMinutes)).toEqual({
      itemsMinutes: 110,
      plannedMinutes: 100,
      differenceMinutes: 10,
    });
  });

  it("exists in English, Spanish and French with the same timings", () => {
    const titles = (["en", "es", "fr"] as const).map((locale) => coordinationItems(locale)[3]?.title);
    expect(new Set(titles).size).toBe(3);
    expect(coordinationItems("fr").map((item) => item.minutes)).toEqual([15, 10, 15, 40, 20, 10]);
  });
});
