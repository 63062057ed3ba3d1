/**
 * `npx tsx bench/traceSummary.ts <trace.json> [rows]`: where the page's main thread spent a DevTools
 * performance trace (as `BENCH_TRACE=<file> npm run bench:page` writes): self time by trace event
 * (script, style, layout, paint…), the layouts and style recalculations that script forced (with
 * the stack that forced them), who invalidated layout and style, and the longest tasks.
 */
import { readFileSync } from "node:fs";

interface StackFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: unlike `dur`, not inflated when other processes take the cores. */
  tdur?: number;
  args?: {
    name?: string;
    data?: { type?: string; stackTrace?: StackFrame[]; functionName?: string; url?: string };
    beginData?: { stackTrace?: StackFrame[] };
  };
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: npx tsx bench/traceSummary.ts <trace.json> [rows]");
  process.exit(2);
}
const rows = Number(rowsArg ?? 20);
// Piped into head: stop quietly when it has read enough.
process.stdout.on("error", () => process.exit(0));
const raw = JSON.parse(readFileSync(file, "utf8")) as { traceEvents: TraceEvent[] } | TraceEvent[];
const events = Array.isArray(raw) ? raw : raw.traceEvents;

// The page's main thread: the CrRendererMain with the most timeline events.
const mains = new Set(
  events
    .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
    .map((e) => `${e.pid}:${e.tid}`),
);
const counts = new Map<string, number>();
for (const e of events) {
  const key = `${e.pid}:${e.tid}`;
  if (mains.has(key) && e.ph === "X") counts.set(key, (counts.get(key) ?? 0) + 1);
}
const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
if (!main) throw new Error("no renderer main thread in the trace");
const onMain = events
  .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X" && e.dur !== undefined)
  .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
const instants = events.filter((e) => `${e.pid}:${e.tid}` === main && (e.ph === "I" || e.ph === "i"));

const JS = new Set([
  "FunctionCall",
  "EventDispatch",
  "TimerFire",
  "FireAnimationFrame",
  "RunMicrotasks",
  "v8.run",
  "EvaluateScript",
  "v8.callFunction",
]);
const frameLabel = (f: StackFrame) =>
  `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/assets\//, "")}:${f.lineNumber + 1}`;
const stackLabel = (stack: StackFrame[] | undefined, depth = 4) =>
  stack?.length ? stack.slice(0, depth).map(frameLabel).join(" < ") : "(no stack)";

const self = new Map<string, number>();
const selfCpu = new Map<string, number>();
const forced = new Map<string, { ms: number; n: number }>();
const tasks: { ts: number; dur: number; what: Map<string, number> }[] = [];
const stack: TraceEvent[] = [];
let task: (typeof tasks)[number] | null = null;
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
for (const e of onMain) {
  while (stack.length && (stack.at(-1)?.ts ?? 0) + (stack.at(-1)?.dur ?? 0) <= e.ts) stack.pop();
  const parent = stack.at(-1);
  const ms = (e.dur ?? 0) / 1000;
  if (!parent) {
    task = { ts: e.ts, dur: ms, what: new Map() };
    tasks.push(task);
  }
  // Self time: this event's time less its children's (subtracted from the parent here).
  add(self, e.name, ms);
  if (parent) add(self, parent.name, -ms);
  const cpu = (e.tdur ?? 0) / 1000;
  add(selfCpu, e.name, cpu);
  if (parent) add(selfCpu, parent.name, -cpu);
  if (task && parent) {
    add(task.what, e.name, ms);
    const grand = stack.length > 1 ? parent : null;
    if (grand) add(task.what, parent.name, -ms);
  }
  if ((e.name === "Layout" || e.name === "UpdateLayoutTree") && stack.some((s) => JS.has(s.name))) {
    const key = `${e.name}: ${stackLabel(e.args?.beginData?.stackTrace ?? e.args?.data?.stackTrace)}`;
    const entry = forced.get(key) ?? { ms: 0, n: 0 };
    entry.ms += ms;
    entry.n += 1;
    forced.set(key, entry);
  }
  stack.push(e);
}

const invalidations = new Map<string, number>();
for (const e of instants) {
  if (!/Invalidat|ScheduleStyle|StyleRecalcInvalidationTracking|LayoutInvalidationTracking/.test(e.name))
    continue;
  add(invalidations, `${e.name}: ${stackLabel(e.args?.data?.stackTrace, 3)}`, 1);
}

const total = tasks.reduce((sum, t) => sum + t.dur, 0);
const totalCpu = [...selfCpu.values()].reduce((sum, t) => sum + t, 0);
const span = ((onMain.at(-1)?.ts ?? 0) - (onMain[0]?.ts ?? 0)) / 1000;
console.log(
  `${file}: main thread busy ${total.toFixed(0)} ms of ${span.toFixed(0)} ms in ${tasks.length} tasks (CPU time ${totalCpu.toFixed(0)} ms)`,
);
const print = (title: string, entries: [string, string][]) => {
  console.log(`\n${title}`);
  for (const [value, key] of entries.slice(0, rows)) console.log(`${value.padStart(10)}  ${key}`);
};
print(
  "self time by event (wall, CPU)",
  [...self]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => [`${v.toFixed(0)} ms`, `${(selfCpu.get(k) ?? 0).toFixed(0).padStart(6)} ms  ${k}`]),
);
print(
  "layout and style forced by script (total, count, stack)",
  [...forced].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => [`${v.ms.toFixed(0)} ms ×${v.n}`, k]),
);
print(
  "invalidations (count, stack)",
  [...invalidations].sort((a, b) => b[1] - a[1]).map(([k, v]) => [`×${v}`, k]),
);
print(
  "longest tasks",
  tasks
    .sort((a, b) => b.dur - a.dur)
    .map((t) => [
      `${t.dur.toFixed(0)} ms`,
      [...t.what]
        .filter(([, v]) => v >= 1)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(", "),
    ]),
);
