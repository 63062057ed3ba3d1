import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildServer } from "../build/server";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type ServerKind = "reference" | "Cocrea" | "cluster";

/** How each kind is named in the tables. */
export const SERVER_LABEL: Record<ServerKind, string> = {
  reference: "reference",
  Cocrea: "Cocrea",
  cluster: "Cocrea ×3 (PostgreSQL + Redis)",
};

/** A server under test, running as a child process on 127.0.0.1. */
export interface ServerUnderTest {
  kind: ServerKind;
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>`: the origin REST calls and WebSocket upgrades present. */
  origin: string;
  /** Resident memory of the server process now, in bytes. */
  rssBytes(): number;
  /** CPU time (user + system) the server process has used so far, in seconds. */
  cpuSeconds(): number;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Kills every server this run started; called on exit, on Ctrl-C and on errors. */
export function killAllServers(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  live.clear();
}

/** Reads one `Vm*` line of /proc/<pid>/status, in bytes. */
export function procStatusBytes(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Linux reports CPU time in /proc in clock ticks; USER_HZ is 100 on every mainstream kernel. */
export const USER_HZ = 100;

export function procCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

/** A TCP port free right now on 127.0.0.1 (the reference server prints its PORT, not the bound one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface SpawnOptions {
  kind: ServerKind;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Finds the listening port in a line of the child's stdout. */
  readyLine: RegExp;
  knownPort?: number;
}

const STARTUP_TIMEOUT_MS = 90_000;

async function spawnServer({
  kind,
  args,
  env,
  readyLine,
  knownPort,
}: SpawnOptions): Promise<ServerUnderTest> {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => live.delete(child));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${kind} did not start in time:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = readyLine.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(knownPort ?? Number(match[1]));
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited during startup (${code ?? signal}):\n${output}`));
    });
  });
  // Keep draining the pipes so a chatty server never blocks on a full pipe; keep the tail for errors.
  child.stdout?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const pid = child.pid ?? 0;
  return {
    kind,
    pid,
    port,
    origin: `http://127.0.0.1:${port}`,
    rssBytes: () => (child.exitCode === null ? procStatusBytes(pid, "VmRSS") : 0),
    cpuSeconds: () => (child.exitCode === null ? procCpuSeconds(pid) : 0),
    async stop(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const grace = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(grace);
    },
  };
}

/** Environment for children: ours minus anything that would change the servers' behaviour. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.YPERSISTENCE; // the reference must run without persistence
  delete env.NODE_OPTIONS;
  return env;
}

/** `npm start`'s prestart (the server compiled to dist/server), once per benchmark process. */
let serverBuilt: Promise<void> | null = null;

/** The Node arguments of `npm start` (package.json), which must run `node` itself. */
function npmStartArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  const [program, ...args] = String(scripts.start).split(" ");
  if (program !== "node") throw new Error(`npm start must run node directly: ${scripts.start}`);
  return args;
}

/**
 * Starts Cocrea's server on a free port of 127.0.0.1, exactly as `npm start` runs it (its prestart's
 * build, then `node`, its V8 flags, `dist/server/main.mjs`) with this Node, so that the child's pid is the server
 * itself (npm adds a wrapper process, whose memory is not the server's). With `serveClient`, it
 * also serves the built client (dist/client), as in production.
 */
export async function startCocrea(
  dataDir: string,
  cpuProfileDir?: string,
  { serveClient = false, env = {} }: { serveClient?: boolean; env?: Record<string, string> } = {},
): Promise<ServerUnderTest> {
  // npm runs `prestart` before `start`; run without npm, the benchmark builds the server itself.
  serverBuilt ??= buildServer();
  await serverBuilt;
  // BENCH_PROFILE_INTERVAL=<µs>: a finer sampling interval than V8's 1,000 µs, for short bursts.
  const interval = process.env.BENCH_PROFILE_INTERVAL;
  const profile = cpuProfileDir
    ? [
        "--cpu-prof",
        `--cpu-prof-dir=${cpuProfileDir}`,
        ...(interval ? [`--cpu-prof-interval=${interval}`] : []),
      ]
    : [];
  return spawnServer({
    kind: "Cocrea",
    args: [...profile, ...npmStartArguments()],
    // The benchmark signs up its members from one address: lift the per-address sign-up throttle.
    env: childEnv({
      // The page benchmark needs the built client; the load benchmarks only the API and the socket.
      COCREA_SKIP_CLIENT: serveClient ? "0" : "1",
      PORT: "0",
      HOST: "127.0.0.1",
      COCREA_DATA_DIR: dataDir,
      // The load shares a few accounts over thousands of sockets (500 each in scenario 2), where a
      // person holds one per open tab: lift the per-account cap, which only exists against abuse.
      COCREA_MAX_SOCKETS_PER_USER: "100000",
      // Scenario 4's signed-out readers all come from 127.0.0.1 (the cap is 16 per address).
      COCREA_MAX_READERS_PER_ADDRESS: "100000",
      COCREA_SIGNUP_FREE_PER_ADDRESS: "1000000",
      // Scenario 5's participants all send their inputs and supports from 127.0.0.1 (200 per
      // address in production); the per-account throttle (20 in a burst) stays as it ships.
      COCREA_INPUTS_FREE_PER_ADDRESS: "1000000",
      ...env,
    }),
    readyLine: /listening on http:\/\/localhost:(\d+)/,
  });
}

/** Starts the reference y-websocket 1.x `bin/server.js` (in memory, no auth, no persistence). */
export async function startReference(
  cpuProfileDir?: string,
  nodeFlags: string[] = [],
): Promise<ServerUnderTest> {
  const port = await freePort();
  const profile = cpuProfileDir
    ? [
        "--cpu-prof",
        `--cpu-prof-dir=${cpuProfileDir}`,
        "--require",
        path.join(repoRoot, "bench/exitOnSignal.cjs"),
      ]
    : [];
  return spawnServer({
    kind: "reference",
    args: [
      ...profile,
      ...nodeFlags,
      path.join(repoRoot, "node_modules/y-websocket-server-ref/bin/server.js"),
    ],
    env: childEnv({ HOST: "127.0.0.1", PORT: String(port) }),
    readyLine: /running at/,
    knownPort: port,
  });
}

/** Samples a server's resident memory every `intervalMs` and keeps the peak. */
export function sampleMemory(server: ServerUnderTest, intervalMs = 250): { stop(): number } {
  let peak = server.rssBytes();
  const timer = setInterval(() => {
    peak = Math.max(peak, server.rssBytes());
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, server.rssBytes());
      return peak;
    },
  };
}
