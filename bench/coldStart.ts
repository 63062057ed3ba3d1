/**
 * `npx tsx bench/coldStart.ts [-- --runs=3] [-- --prepared=<dir>] [-- --trace=<automerge-paper.json.gz>]
 *   [-- --ops=<n>] [-- --profile=<dir>]`
 *
 * Scenario 3's restart alone, repeatably (issue #16): the automerge-paper trace is replayed once into
 * a plan (as `npm run bench -- --only=3` does), and two copies of the data folder are kept — as a
 * crash left it (SIGKILL: the log as written) and as a graceful stop left it (SIGTERM: compacted).
 * Then, `runs` times for each copy, a fresh server starts on a fresh copy and the script times how
 * long it took to print its listening line (process start) and a client's connect → sync step 2:
 * first (cold process), and again once the document has been unloaded (warm process).
 * With `--prepared=<dir>` the prepared copies are kept there and reused by later invocations.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setUpCocrea } from "./cocreaSetup";
import { repoRoot, startCocrea } from "./servers";
import { ms } from "./stats";
import { cocreaTarget } from "./targets";
import { loadTrace, replayTrace, timeLoad } from "./trace";

const args = process.argv.slice(2);
const flag = (name: string): string | undefined =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const runs = Number(flag("runs") ?? 3);
const ops = Number(flag("ops") ?? Number.POSITIVE_INFINITY);
const profileDir = flag("profile");
const traceFile = path.resolve(
  flag("trace") ?? path.join(repoRoot, "../shared/data/traces/automerge-paper.json.gz"),
);
const scratch = mkdtempSync(path.join(os.tmpdir(), "cocrea-coldstart-"));
const preparedDir = path.resolve(flag("prepared") ?? path.join(scratch, "prepared"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

interface Prepared {
  workspaceId: string;
  cookies: string[];
  senderId: number;
  text: string;
}

const STATES = ["SIGKILL", "SIGTERM"] as const;
const stateDir = (state: (typeof STATES)[number]) => path.join(preparedDir, state);
const fixtureFile = () => path.join(preparedDir, "fixture.json");

async function prepare(): Promise<Prepared> {
  if (existsSync(fixtureFile())) return JSON.parse(readFileSync(fixtureFile(), "utf8")) as Prepared;
  mkdirSync(preparedDir, { recursive: true });
  const dataDir = path.join(scratch, "replay");
  let server = await startCocrea(dataDir);
  const fixture = await setUpCocrea(server.origin, 2, 1);
  const workspaceId = fixture.workspaceIds[0] ?? "";
  const replay = await replayTrace(
    cocreaTarget(server, [workspaceId], fixture.cookies),
    loadTrace(traceFile, ops),
    2000,
  );
  console.log(
    `replayed ${replay.ops} ops in ${replay.seconds.toFixed(1)} s (text intact: ${replay.matches})`,
  );
  await server.stop("SIGKILL");
  cpSync(dataDir, stateDir("SIGKILL"), { recursive: true });
  // As the benchmark does: the crashed copy is loaded once (its unload compacts), then stopped.
  server = await startCocrea(dataDir);
  await timeLoad(cocreaTarget(server, [workspaceId], fixture.cookies), replay.senderId);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await server.stop("SIGTERM");
  cpSync(dataDir, stateDir("SIGTERM"), { recursive: true });
  const prepared = {
    workspaceId,
    cookies: fixture.cookies,
    senderId: replay.senderId,
    text: replay.finalText,
  };
  writeFileSync(fixtureFile(), JSON.stringify(prepared));
  return prepared;
}

async function main(): Promise<void> {
  const prepared = await prepare();
  console.log(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")}`,
  );
  console.log("| after | run | start (spawn → listening) | first load (cold) | again once unloaded (warm) |");
  console.log("|---|---|---|---|---|");
  for (let run = 1; run <= runs; run++) {
    for (const state of STATES) {
      const dataDir = path.join(scratch, `run-${run}-${state}`);
      cpSync(stateDir(state), dataDir, { recursive: true });
      const spawned = performance.now();
      const server = await startCocrea(dataDir, profileDir);
      const started = performance.now() - spawned;
      const target = cocreaTarget(server, [prepared.workspaceId], prepared.cookies);
      try {
        const cold = await timeLoad(target, prepared.senderId);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const warm = await timeLoad(target, prepared.senderId);
        const intact = cold.text === prepared.text && warm.text === prepared.text ? "" : " **text differs**";
        console.log(`| ${state} | ${run} | ${ms(started)} | ${ms(cold.ms)} | ${ms(warm.ms)}${intact} |`);
      } finally {
        await server.stop("SIGTERM");
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
