/**
 * `npm run bench [-- --quick] [-- --only=1,3 (or --only 5)] [-- --servers=reference,cocrea,cluster]
 *   [-- --profile] [-- --data-dir=/dev/shm] [-- --trace=<automerge-paper.json.gz>] [-- --reference-semi-space=<MB>]`
 *
 * Runs the same loads against the reference y-websocket server, against Cocrea (one embedded
 * instance) and, for scenarios 1 and 2, against a cluster of three Cocrea instances on PostgreSQL
 * and Redis, one server at a time, each as child processes on 127.0.0.1, and prints one markdown
 * table (also written to bench/results/latest.md). See bench/README.md for what each figure measures.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  CLUSTER_SIZE,
  type ClusterBackends,
  type ClusterUnderTest,
  clusterUnavailable,
  startClusterBackends,
  startCocreaCluster,
} from "./cluster";
import { type CocreaFixture, publishWorkspace, setUpCocrea } from "./cocreaSetup";
import { type BurstLoad, runConsultationBurst } from "./consultationBurst";
import { describeCpu, waitForQuietMachine } from "./cpuMeter";
import { memberSocketCost, publicDraftUrl, type ReadersLoad, runReaders } from "./publicReaders";
import {
  killAllServers,
  repoRoot,
  SERVER_LABEL,
  type ServerKind,
  type ServerUnderTest,
  startCocrea,
  startReference,
} from "./servers";
import { mb, ms, perSecond } from "./stats";
import { clusterTarget, cocreaTarget, referenceTarget, type Target } from "./targets";
import { loadTrace, replayTrace, timeLoad } from "./trace";
import { runTyping, type TypingLoad } from "./typing";

const args = process.argv.slice(2);
/** The values of `--name=a,b` or `--name a,b`. */
const flag = (name: string): string[] | undefined => {
  const joined = args.find((arg) => arg.startsWith(`--${name}=`));
  const spaced = args.indexOf(`--${name}`);
  const value = joined?.slice(name.length + 3) ?? (spaced >= 0 ? args[spaced + 1] : undefined);
  return value?.split(",");
};
const quick = args.includes("--quick");
// The reference runs with Node's defaults; this gives it the young-generation size Cocrea ships with.
const referenceSemiSpace = flag("reference-semi-space")?.[0];
const referenceFlags = referenceSemiSpace ? [`--max-semi-space-size=${referenceSemiSpace}`] : [];
const profile = args.includes("--profile");
const scenarios = new Set(flag("only") ?? ["1", "2", "3", "4", "5"]);
const requestedServers = new Set(
  (flag("servers") ?? ["reference", "cocrea", "cluster"]).map((s) => s.toLowerCase()),
);
/** The scenarios the cluster runs: the typing loads, where the hop between instances shows. */
const CLUSTER_SCENARIOS = new Set(["1", "2"]);
/** What the hop through Redis may add to the single instance's p50 (issue #16). */
const CLUSTER_P50_BUDGET_MS = 2;

// --trace=<file> for a checkout whose ../shared is elsewhere (a worktree).
const TRACE_FILE = path.resolve(
  flag("trace")?.[0] ?? path.join(repoRoot, "../shared/data/traces/automerge-paper.json.gz"),
);
const RESULTS_DIR = path.join(repoRoot, "bench/results");
const MEMBERS = 10;

const human = { keysPerSecond: 5, connectConcurrency: 64 };
const ONE_PLAN: TypingLoad = quick
  ? {
      ...human,
      docs: 1,
      clientsPerDoc: 20,
      typistsPerDoc: 20,
      sampledDocs: 1,
      receiversPerSampledDoc: 5,
      durationMs: 6000,
      warmupMs: 1000,
    }
  : {
      ...human,
      docs: 1,
      clientsPerDoc: 100,
      typistsPerDoc: 100,
      sampledDocs: 1,
      receiversPerSampledDoc: 10,
      durationMs: 25_000,
      warmupMs: 5000,
    };
const MANY_PLANS: TypingLoad = quick
  ? {
      ...human,
      docs: 50,
      clientsPerDoc: 10,
      typistsPerDoc: 1,
      sampledDocs: 25,
      receiversPerSampledDoc: 1,
      durationMs: 6000,
      warmupMs: 1000,
    }
  : {
      ...human,
      docs: 500,
      clientsPerDoc: 10,
      typistsPerDoc: 1,
      sampledDocs: 100,
      receiversPerSampledDoc: 1,
      durationMs: 25_000,
      warmupMs: 5000,
    };
const READERS: ReadersLoad = quick
  ? {
      readers: 100,
      drafters: 10,
      measuredReaders: 10,
      keysPerSecond: 5,
      durationMs: 6000,
      warmupMs: 1000,
      connectConcurrency: 64,
    }
  : {
      readers: 1000,
      drafters: 10,
      measuredReaders: 50,
      keysPerSecond: 5,
      durationMs: 25_000,
      warmupMs: 5000,
      connectConcurrency: 64,
    };
const BURST: BurstLoad = {
  participants: quick ? 50 : 200,
  inputsEach: 2,
  supportsEach: 3,
  seedInputs: 20,
  lastMinuteMs: quick ? 30_000 : 60_000,
  requestTimeoutMs: 10_000,
};
/** Scenario 5's target (issue 15): each answer within this, at p99. */
const BURST_TARGET_P99_MS = 200;
const TRACE_OPS = quick ? 20_000 : Number.POSITIVE_INFINITY;
const TRACE_WINDOW = 2000;
/** Before each scenario, wait up to this long for other processes to leave the cores alone. */
const QUIET_WAIT_MS = quick ? 5000 : 45_000;
/** A hard stop, whatever happens: the full run takes 4 minutes, plus any wait for a quiet machine. */
const WATCHDOG_MS = (quick ? 5 : 15) * 60_000;

interface Row {
  scenario: string;
  server: ServerKind;
  /** The p50 as a number, to compare servers (NaN when not measured). */
  p50Ms: number;
  p50: string;
  p95: string;
  p99: string;
  throughput: string;
  rss: string;
  notes: string;
}

/** Where Cocrea's SQLite files go: the OS temp folder unless `--data-dir=<folder>` (e.g. /dev/shm to leave the disk out). */
const scratch = mkdtempSync(path.join(flag("data-dir")?.[0] ?? os.tmpdir(), "cocrea-bench-"));
let backends: ClusterBackends | null = null;
process.on("exit", () => {
  killAllServers();
  backends?.stopNow();
  rmSync(scratch, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers.`);
    process.exit(130);
  });
}
setTimeout(() => {
  console.error(`The benchmark ran past ${WATCHDOG_MS / 60_000} minutes; stopping.`);
  process.exit(1);
}, WATCHDOG_MS).unref();

function openFilesLimit(): number {
  const line = readFileSync("/proc/self/limits", "utf8")
    .split("\n")
    .find((l) => l.startsWith("Max open files"));
  return Number(line?.split(/\s+/)[3] ?? Number.NaN);
}

/** The commit measured, marked when the working tree has changes beyond it. */
function gitHead(): string {
  const git = (...gitArgs: string[]) =>
    execFileSync("git", gitArgs, { cwd: repoRoot, encoding: "utf8" }).trim();
  try {
    const dirty = git("status", "--porcelain", "--untracked-files=no", "server", "shared") !== "";
    return `commit ${git("rev-parse", "--short", "HEAD")}${dirty ? " (with uncommitted changes in server/ or shared/)" : ""}`;
  } catch {
    return "an unknown commit";
  }
}

function machineNotes(): string[] {
  const cpus = os.cpus();
  const notes = [
    `- ${new Date().toISOString()} · ${quick ? "quick smoke run (small numbers)" : "full run"}`,
    `- Repository at ${gitHead()}.`,
    `- ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${mb(os.totalmem())} RAM, Linux ${os.release()}, Node ${process.version}`,
    `- Load generator and server share this machine: one Node process each, so each gets at most one core.`,
    `- Each scenario waits (up to ${QUIET_WAIT_MS / 1000} s) until other processes use under 25% of a core; the CPU notes show how busy they were during the measurement.`,
    `- Load average when the run started: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")} (other work on the machine skews the figures).`,
  ];
  const limit = openFilesLimit();
  const sockets = MANY_PLANS.docs * MANY_PLANS.clientsPerDoc;
  notes.push(`- Open-files limit (ulimit -n): ${limit}.`);
  if (!(limit >= 12_000)) {
    notes.push(
      `- **Note:** below ~12,000 open files the ${sockets}-socket scenario may fail to connect (the load ` +
        `generator and the server each hold one descriptor per socket). Raise it with \`ulimit -n 20000\`.`,
    );
  }
  return notes;
}

const cocreaAvailable = () =>
  existsSync(path.join(repoRoot, "server/collab/index.ts")) &&
  existsSync(path.join(repoRoot, "server/app.ts"));

function profileDir(kind: ServerKind, scenario: string): string | undefined {
  if (!profile) return undefined;
  const dir = path.join(RESULTS_DIR, "profiles", `${kind}-${scenario}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const cocreaDataDir = path.join(scratch, "cocrea-data");
/** The cluster's shared folder (its signing key); its records are in PostgreSQL. */
const clusterDataDir = path.join(scratch, "cluster-data");
let fixture: CocreaFixture | null = null;
let clusterFixture: CocreaFixture | null = null;

/** Starts a fresh server of `kind` for one scenario; Cocrea reuses the data prepared once at start. */
function start(kind: ServerKind, scenario: string): Promise<ServerUnderTest> {
  if (kind === "cluster") {
    if (!backends) throw new Error("PostgreSQL and Redis have not been started");
    return startCocreaCluster(clusterDataDir, backends, profileDir(kind, scenario));
  }
  return kind === "Cocrea"
    ? startCocrea(cocreaDataDir, profileDir(kind, scenario))
    : startReference(profileDir(kind, scenario), referenceFlags);
}

/** Cocrea's workspaces: the many-plans load uses the first ones, then one plan each for scenarios 1 and 3. */
function targetFor(server: ServerUnderTest, scenario: "1" | "2" | "3"): Target {
  if (server.kind === "reference") return referenceTarget(server, `s${scenario}`);
  const prepared = server.kind === "cluster" ? clusterFixture : fixture;
  if (!prepared) throw new Error(`${SERVER_LABEL[server.kind]} has not been set up`);
  const ids = prepared.workspaceIds;
  const planOf = { "1": [ids[MANY_PLANS.docs] ?? ""], "2": ids, "3": [ids[MANY_PLANS.docs + 1] ?? ""] };
  return "instances" in server
    ? clusterTarget(server as ClusterUnderTest, planOf[scenario], prepared.cookies)
    : cocreaTarget(server, planOf[scenario], prepared.cookies);
}

const pct = (share: number) => `${(share * 100).toFixed(share < 1 && share > 0.999 ? 2 : 1)}%`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

function typingRow(
  scenario: string,
  kind: ServerKind,
  load: TypingLoad,
  result: Awaited<ReturnType<typeof runTyping>>,
): Row {
  const receivers = load.sampledDocs * load.receiversPerSampledDoc;
  const notes = [
    `${result.sockets} sockets synced`,
    `${perSecond(result.keystrokesPerSecond, "keys")} sent`,
    `${pct(result.deliveredShare)} of keystrokes reached all ${receivers} measured receivers (p99 until the last: ${ms(result.allReceivers.p99)})`,
    result.diverged.length === 0
      ? `all ${result.verifiers} verifying replicas converged`
      : `**${result.diverged.length} of ${result.verifiers} verifying replicas did NOT converge** (${result.diverged.slice(0, 2).join("; ")})`,
    describeCpu(result.cpu),
    `idle RSS ${mb(result.rssIdleBytes)}`,
    `load-generator event-loop lag p99 ${ms(result.loadGeneratorLagP99Ms)}`,
  ];
  if (result.crossInstance) {
    const cross = result.crossInstance;
    notes.push(
      `clients round-robin over the ${CLUSTER_SIZE} instances: ${pct(cross.count / Math.max(1, result.delivery.count))} of the measured deliveries crossed instances (through Redis), p50 ${ms(cross.p50)}, p99 ${ms(cross.p99)}`,
    );
  }
  if (load.docs > 1) {
    const { connect } = result;
    notes.push(
      `connection setup ${seconds(connect.wallMs)} for all (per socket p50 ${ms(connect.perSocket.p50)}, p99 ${ms(connect.perSocket.p99)}, ${load.connectConcurrency} at a time)`,
    );
  }
  if (result.connect.failures.length > 0)
    notes.push(`**${result.connect.failures.length} sockets failed**: ${result.connect.failures[0]}`);
  return {
    scenario,
    server: kind,
    p50Ms: result.delivery.p50,
    p50: ms(result.delivery.p50),
    p95: ms(result.delivery.p95),
    p99: ms(result.delivery.p99),
    throughput: perSecond(result.updateMessagesPerSecond, "msgs"),
    rss: mb(result.rssPeakBytes),
    notes: notes.join("; "),
  };
}

async function typingScenario(
  id: "1" | "2",
  label: string,
  load: TypingLoad,
  kind: ServerKind,
): Promise<Row[]> {
  const server = await start(kind, id);
  try {
    const result = await runTyping(targetFor(server, id), load);
    return [typingRow(label, kind, load, result)];
  } finally {
    await server.stop();
  }
}

async function traceScenario(label: string, kind: ServerKind): Promise<Row[]> {
  const trace = loadTrace(TRACE_FILE, TRACE_OPS);
  let server = await start(kind, "3");
  try {
    const replay = await replayTrace(targetFor(server, "3"), trace, TRACE_WINDOW);
    const expected = replay.finalText;
    const rows: Row[] = [
      {
        scenario: label,
        server: kind,
        p50Ms: replay.latency.p50,
        p50: ms(replay.latency.p50),
        p95: ms(replay.latency.p95),
        p99: ms(replay.latency.p99),
        throughput: perSecond(replay.ops / replay.seconds, "ops"),
        rss: mb(replay.rssPeakBytes),
        notes: [
          `${replay.ops.toLocaleString("en-US")} ops, each its own update, in ${replay.seconds.toFixed(1)} s end to end`,
          `latency per op with up to ${replay.window} in flight`,
          trace.endContent === null
            ? `both clients hold the same ${expected.length}-char text: ${replay.matches ? "yes" : "**NO**"}`
            : `final text equals endContent (${trace.endContent.length} chars): ${replay.matches ? "yes" : "**NO**"}`,
          describeCpu(replay.cpu),
        ].join("; "),
      },
    ];
    const reloads: string[] = [];
    // Restart as a crash would (SIGKILL), then as an operator would (SIGTERM), and time the first load each time.
    // (A profiled run skips the crash: a killed process writes no profile.)
    const crash = kind === "Cocrea" && !profile;
    for (const signal of crash ? (["SIGKILL", "SIGTERM"] as const) : (["SIGTERM"] as const)) {
      await server.stop(signal);
      server = await start(kind, "3");
      const load = await timeLoad(targetFor(server, "3"), replay.senderId);
      reloads.push(
        load.text === expected
          ? `after ${signal}: ${ms(load.ms)}, text intact`
          : `after ${signal}: n/a — the document ${load.text.length === 0 ? "is gone (not persisted)" : `**differs** (${load.text.length} chars)`}, sync step 2 in ${ms(load.ms)}`,
      );
    }
    if (kind === "Cocrea") {
      // The first load above also pays the fresh process's JIT warm-up; once the document has been
      // unloaded (nobody has it open), loading it again shows the storage and Yjs cost alone.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const again = await timeLoad(targetFor(server, "3"), replay.senderId);
      reloads.push(
        `again once unloaded, in the warm process: ${ms(again.ms)}${again.text === expected ? "" : " (**text differs**)"}`,
      );
    }
    rows.push({
      scenario: "3. load the replayed document after a restart",
      server: kind,
      p50Ms: Number.NaN,
      p50: "—",
      p95: "—",
      p99: "—",
      throughput: "—",
      rss: mb(server.rssBytes()),
      notes: `time from connect to sync step 2 ${reloads.join("; ")}`,
    });
    return rows;
  } finally {
    await server.stop();
  }
}

/** The workspace of scenario 4, published with its draft shown; its address. */
async function publishReadersPlan(server: ServerUnderTest): Promise<{ workspaceId: string; slug: string }> {
  if (!fixture) throw new Error("Cocrea has not been set up");
  const workspaceId = fixture.workspaceIds[MANY_PLANS.docs + 2] ?? "";
  return { workspaceId, slug: await publishWorkspace(server.origin, workspaceId, fixture.cookies[0] ?? "") };
}

async function readersScenario(label: string, kind: ServerKind): Promise<Row[]> {
  const server = await start(kind, "4");
  let memberCost = "";
  try {
    let result: Awaited<ReturnType<typeof runReaders>>;
    if (kind === "Cocrea") {
      if (!fixture) throw new Error("Cocrea has not been set up");
      const { workspaceId, slug } = await publishReadersPlan(server);
      result = await runReaders(
        {
          server,
          drafterUrl: `ws://127.0.0.1:${server.port}/collab/plan:${workspaceId}`,
          origin: server.origin,
          cookies: fixture.cookies,
          publicUrl: publicDraftUrl(server, slug),
        },
        READERS,
      );
      // A member's socket, measured the same way on a fresh process (the readers' freed memory
      // would otherwise be reused and make members look cheaper than they are).
      await server.stop();
      const fresh = await start(kind, "4m");
      try {
        const cost = await memberSocketCost(fresh, workspaceId, fixture.cookies, READERS.readers, 64);
        memberCost = `; a member's socket (${READERS.readers} y-websocket members on the same plan, fresh process): ${(cost.perSocketBytes / 1024).toFixed(1)} kB each${cost.failures ? ` (${cost.failures} failed)` : ""}`;
      } finally {
        await fresh.stop();
      }
    } else {
      const url = `ws://127.0.0.1:${server.port}/collab/plan:s4-0`;
      result = await runReaders({ server, drafterUrl: url, cookies: [], publicUrl: null }, READERS);
    }
    const perReader =
      (result.rssWithReadersBytes - result.rssBeforeReadersBytes) / Math.max(1, result.readersConnected);
    const notes = [
      `${result.readersConnected} readers (${kind === "Cocrea" ? "read-only public socket, rendered draft as JSON" : "y-websocket clients of the plan"}), ${READERS.drafters} drafters`,
      `${perSecond(result.keystrokesPerSecond, "keys")} sent`,
      `${pct(result.deliveredShare)} of keystrokes reached all ${READERS.measuredReaders} measured readers`,
      `RSS idle ${mb(result.rssIdleBytes)}, with drafters ${mb(result.rssBeforeReadersBytes)}, with readers ${mb(result.rssWithReadersBytes)}: ${(perReader / 1024).toFixed(1)} kB per reader${memberCost}`,
      `readers received ${mb(result.readerBytesPerSecond)}/s`,
      describeCpu(result.cpu),
    ];
    if (result.failures.length > 0)
      notes.push(`**${result.failures.length} readers failed**: ${result.failures[0]}`);
    return [
      {
        scenario: label,
        server: kind,
        p50Ms: result.delivery.p50,
        p50: ms(result.delivery.p50),
        p95: ms(result.delivery.p95),
        p99: ms(result.delivery.p99),
        throughput: perSecond(result.keystrokesPerSecond, "keys"),
        rss: mb(result.rssPeakBytes),
        notes: notes.join("; "),
      },
    ];
  } finally {
    await server.stop();
  }
}

/** Scenario 5: Cocrea only (the reference has no consultations); the target goes in the notes. */
async function burstScenario(label: string): Promise<Row[]> {
  if (!fixture) throw new Error("Cocrea has not been set up");
  const server = await start("Cocrea", "5");
  try {
    const result = await runConsultationBurst(server, fixture.cookies[0] ?? "", BURST);
    const kind = (name: string, p: { p50: number; p95: number; p99: number; count: number }) =>
      `${name} (${p.count}) p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, p99 ${ms(p.p99)}`;
    const worstP99 = Math.max(result.inputs.p99, result.supports.p99);
    const refused = [...result.refused].map(([code, n]) => `${n} × ${code}`).join(", ");
    const notes = [
      `**target ≤ ${BURST_TARGET_P99_MS} ms p99 per answer: ${worstP99 <= BURST_TARGET_P99_MS ? "met" : "NOT met"}** (no reference server: y-websocket has no consultations)`,
      kind("inputs", result.inputs),
      kind("supports", result.supports),
      `${BURST.participants} participants at once, each ${BURST.inputsEach} inputs and ${BURST.supportsEach} supports (the last a double click), after ${BURST.seedInputs} inputs recorded offline`,
      `acknowledged ${result.acknowledged.inputs}/${result.sent.inputs} inputs, ${result.acknowledged.supports} distinct supports from ${result.sent.supports} requests${refused ? `; refused: ${refused}` : ""}`,
      result.problems.length === 0
        ? `checked afterwards: all ${result.stored.inputs} inputs stored exactly once, ${result.stored.supports} supports as acknowledged, none lost or doubled`
        : `**${result.problems.length} problems**: ${result.problems.slice(0, 3).join("; ")}`,
      `burst ${seconds(result.burstMs)}, started ${seconds(result.startedBeforeEndMs)} before the consultation's end, done ${seconds(result.finishedBeforeEndMs)} before it`,
      describeCpu(result.cpu),
      `setup (not measured): ${result.setupRequests} requests in ${seconds(result.setupMs)}, then a wait for the last minute`,
      `inputs throttle per address lifted for the bench (COCREA_INPUTS_FREE_PER_ADDRESS, production default 200): every participant comes from 127.0.0.1`,
    ];
    return [
      {
        scenario: label,
        server: "Cocrea",
        p50: ms(result.all.p50),
        p50Ms: result.all.p50,
        p95: ms(result.all.p95),
        p99: ms(result.all.p99),
        throughput: perSecond(result.requestsPerSecond, "req"),
        rss: mb(result.rssPeakBytes),
        notes: notes.join("; "),
      },
    ];
  } finally {
    await server.stop();
  }
}

function table(rows: Row[]): string {
  const header =
    "| scenario | server | p50 | p95 | p99 | throughput | RSS | notes |\n|---|---|---|---|---|---|---|---|";
  const lines = rows.map(
    (r) =>
      `| ${[r.scenario, SERVER_LABEL[r.server], r.p50, r.p95, r.p99, r.throughput, r.rss, r.notes].join(" | ")} |`,
  );
  return [header, ...lines].join("\n");
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  const notes = machineNotes();
  const kinds: ServerKind[] = [];
  if (requestedServers.has("reference")) kinds.push("reference");
  if (requestedServers.has("cocrea")) {
    if (cocreaAvailable()) kinds.push("Cocrea");
    else notes.push("- Cocrea skipped: server/app.ts or server/collab/index.ts is not there yet.");
  }
  const clusterWanted =
    requestedServers.has("cluster") && [...scenarios].some((id) => CLUSTER_SCENARIOS.has(id));
  const missing = clusterWanted ? clusterUnavailable() : null;
  if (missing) {
    notes.push(`- **${SERVER_LABEL.cluster} skipped: ${missing}.**`);
    console.error(`\n*** ${SERVER_LABEL.cluster} SKIPPED: ${missing}. ***\n`);
  } else if (clusterWanted) kinds.push("cluster");
  console.log(notes.join("\n"));

  if (kinds.includes("Cocrea")) {
    const server = await startCocrea(cocreaDataDir);
    try {
      // Scenarios 1-4 use the workspaces (the many plans, then one each for 1, 3 and 4); 5 makes its own.
      const needsPlans = ["1", "2", "3", "4"].some((id) => scenarios.has(id));
      fixture = await setUpCocrea(
        server.origin,
        needsPlans ? MEMBERS : 1,
        needsPlans ? MANY_PLANS.docs + 3 : 0,
      );
    } finally {
      await server.stop();
    }
    notes.push(
      `- Cocrea setup through the REST API (not counted): ${fixture.cookies.length} members, ${fixture.workspaceIds.length} workspaces, ` +
        `${fixture.requests} requests in ${seconds(fixture.setupMs)}.`,
    );
    console.log(notes.at(-1));
  }
  if (kinds.includes("cluster")) {
    backends = await startClusterBackends();
    const cluster = await startCocreaCluster(clusterDataDir, backends);
    try {
      // Only the plans of scenarios 1 and 2; through one instance (the records are shared).
      clusterFixture = await setUpCocrea(cluster.origin, MEMBERS, MANY_PLANS.docs + 1);
    } finally {
      await cluster.stop();
    }
    notes.push(
      `- ${SERVER_LABEL.cluster}: ${CLUSTER_SIZE} instances (\`npm start\` each, on its own loopback port) sharing one ` +
        `PostgreSQL and one Redis started by the benchmark (PostgreSQL with its defaults: fsync on, synchronous commit; ` +
        `Redis storing nothing). Load clients go round-robin over the instances. Its CPU counts the instances, ` +
        `PostgreSQL and Redis; its RSS the three instances together. Setup through the REST API (not counted): ` +
        `${clusterFixture.workspaceIds.length} workspaces, ${clusterFixture.requests} requests in ${seconds(clusterFixture.setupMs)}.`,
    );
    console.log(notes.at(-1));
  }

  const oneLabel = `1. one plan, ${ONE_PLAN.clientsPerDoc} editors typing`;
  const manyLabel = `2. ${MANY_PLANS.docs} plans × ${MANY_PLANS.clientsPerDoc} people, 1 typing`;
  const traceLabel = "3. replay automerge-paper trace";
  const readersLabel = `4. ${READERS.readers.toLocaleString("en-US")} signed-out readers, ${READERS.drafters} drafters typing`;
  const burstLabel = `5. ${BURST.participants} participants posting inputs and supports in a consultation's last minute`;
  const plan: {
    id: string;
    label: string;
    run: (kind: ServerKind) => Promise<Row[]>;
    only?: ServerKind;
  }[] = [
    { id: "1", label: oneLabel, run: (kind) => typingScenario("1", oneLabel, ONE_PLAN, kind) },
    { id: "2", label: manyLabel, run: (kind) => typingScenario("2", manyLabel, MANY_PLANS, kind) },
    { id: "3", label: traceLabel, run: (kind) => traceScenario(traceLabel, kind) },
    { id: "4", label: readersLabel, run: (kind) => readersScenario(readersLabel, kind) },
    { id: "5", label: burstLabel, run: () => burstScenario(burstLabel), only: "Cocrea" },
  ];
  const rows: Row[] = [];
  for (const { id, label, run, only } of plan) {
    if (!scenarios.has(id)) continue;
    for (const kind of kinds) {
      if (kind === "cluster" && !CLUSTER_SCENARIOS.has(id)) continue;
      if (only && kind !== only) continue;
      const others = await waitForQuietMachine(QUIET_WAIT_MS);
      console.log(`… ${label} — ${kind} (other processes: ${others.toFixed(0)}% of a core)`);
      try {
        const produced = await run(kind);
        for (const row of produced) console.log(table([row]).split("\n")[2]);
        rows.push(...produced);
      } catch (error) {
        console.error(error);
        rows.push({
          scenario: label,
          server: kind,
          p50Ms: Number.NaN,
          p50: "—",
          p95: "—",
          p99: "—",
          throughput: "—",
          rss: "—",
          notes: `**failed**: ${(error as Error).message.split("\n")[0]}`,
        });
      }
    }
  }
  for (const row of rows) {
    if (row.server !== "cluster") continue;
    const single = rows.find((other) => other.scenario === row.scenario && other.server === "Cocrea");
    if (!single || Number.isNaN(row.p50Ms) || Number.isNaN(single.p50Ms)) continue;
    const extra = row.p50Ms - single.p50Ms;
    row.notes =
      `p50 ${extra >= 0 ? "+" : "−"}${ms(Math.abs(extra))} over one instance ` +
      `(target: at most +${CLUSTER_P50_BUDGET_MS} ms): ${extra <= CLUSTER_P50_BUDGET_MS ? "met" : "**missed**"}; ${row.notes}`;
  }
  backends?.stopNow();
  notes.push(`- Whole run: ${seconds(performance.now() - runStarted)}.`);

  const report = `# Cocrea vs the reference y-websocket server\n\n${notes.join("\n")}\n\n${table(rows)}\n`;
  console.log(`\n${table(rows)}\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, "latest.md"), report);
  console.log(`Written to bench/results/latest.md`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
