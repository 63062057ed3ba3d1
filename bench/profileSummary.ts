/**
 * `npx tsx bench/profileSummary.ts <file.cpuprofile> [rows]`: the functions a V8 CPU profile (as
 * written by `node --cpu-prof`, e.g. by `npm run bench -- --profile`) spent the most time in, by
 * self time and by inclusive time (the function and everything it called).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
// --from=<s> --to=<s>: only the samples between these times since the profile began (the burst).
// --busiest=<s>: only the <s>-second window after --from with the fewest idle samples.
const busiestArg = process.argv.find((arg) => arg.startsWith("--busiest="));
if (!file) {
  console.error(
    "usage: npx tsx bench/profileSummary.ts <file.cpuprofile> [rows] [--from=<s>] [--to=<s>] [--busiest=<s>]",
  );
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

/** "function path:line", with node_modules and the repository folded away. */
function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(server|shared|bench)\//, "$1/");
  return `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
}

const selfTime = new Map<number, number>();
const at: number[] = [];
profile.timeDeltas.reduce((t, delta, i) => {
  at[i] = t + delta;
  return at[i];
}, 0);
const seconds = (name: string, otherwise: number) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.slice(name.length + 3)) * 1e6 : otherwise;
};
let [from, to] = [seconds("from", Number.NEGATIVE_INFINITY), seconds("to", Number.POSITIVE_INFINITY)];
if (busiestArg) {
  const span = Number(busiestArg.slice("--busiest=".length)) * 1e6;
  const idle = profile.samples.map((id) => nodes.get(id)?.callFrame.functionName === "(idle)");
  let best = -1;
  let busy = 0;
  let start = Math.max(
    0,
    at.findIndex((t) => t >= from),
  );
  for (let end = start; end < at.length; end++) {
    if (!idle[end]) busy++;
    while ((at[end] ?? 0) - (at[start] ?? 0) > span) if (!idle[start++]) busy--;
    if (busy > best) [best, from, to] = [busy, at[start] ?? 0, at[end] ?? 0];
  }
}
profile.samples.forEach((id, i) => {
  if ((at[i] ?? 0) < from || (at[i] ?? 0) > to) return;
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfTime.values()].reduce((sum, t) => sum + t, 0);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, time] of selfTime) {
  const leaf = nodes.get(id);
  if (!leaf) continue;
  const leafLabel = label(leaf);
  self.set(leafLabel, (self.get(leafLabel) ?? 0) + time);
  // Each function counts once per sample, however deep it recurses.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const node = nodes.get(at);
    if (!node) break;
    const key = label(node);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + time);
  }
}

const print = (title: string, times: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [key, time] of [...times].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${((100 * time) / total).toFixed(1).padStart(6)}%  ${key}`);
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
print("self time", self);
print("inclusive time", inclusive);
