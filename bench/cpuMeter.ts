import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { type ServerUnderTest, USER_HZ } from "./servers";

/** CPU use over a window, in percent of one core. */
export interface CpuUse {
  server: number;
  loadGenerator: number;
  /** Everything else on the machine (other people's tests, builds…): it competes for the same 2 cores. */
  others: number;
}

/** CPU seconds all cores have spent busy since boot (every /proc/stat column but idle and iowait). */
function machineBusySeconds(): number {
  const [, ...columns] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
  const ticks = columns.map(Number);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return (total - (ticks[3] ?? 0) - (ticks[4] ?? 0)) / USER_HZ;
}

/** Starts measuring how busy the server, this process and the rest of the machine are. */
export function startCpuMeter(server: ServerUnderTest): { stop(): CpuUse } {
  const startedAt = performance.now();
  const server0 = server.cpuSeconds();
  const own0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  return {
    stop() {
      const seconds = (performance.now() - startedAt) / 1000;
      const serverSeconds = server.cpuSeconds() - server0;
      const own = process.cpuUsage(own0);
      const ownSeconds = (own.user + own.system) / 1e6;
      const othersSeconds = Math.max(0, machineBusySeconds() - machine0 - serverSeconds - ownSeconds);
      const percent = (value: number) => (value / seconds) * 100;
      return {
        server: percent(serverSeconds),
        loadGenerator: percent(ownSeconds),
        others: percent(othersSeconds),
      };
    },
  };
}

/** "server 40%, load generator 35%, others 3% of a core". */
export const describeCpu = (cpu: CpuUse): string =>
  `CPU (% of one core): server ${cpu.server.toFixed(0)}, load generator ${cpu.loadGenerator.toFixed(0)}, other processes ${cpu.others.toFixed(0)}`;

/**
 * Waits (at most `maxWaitMs`) until the rest of the machine has used less than `thresholdPercent` of
 * a core over a 2-second sample, so that a scenario does not start while someone else's tests
 * hold the cores. Returns the last sample, in percent of one core.
 */
export async function waitForQuietMachine(maxWaitMs: number, thresholdPercent = 25): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  for (;;) {
    const machine0 = machineBusySeconds();
    const own0 = process.cpuUsage();
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const own = process.cpuUsage(own0);
    const seconds = (performance.now() - started) / 1000;
    const others = ((machineBusySeconds() - machine0 - (own.user + own.system) / 1e6) / seconds) * 100;
    if (others < thresholdPercent || performance.now() >= deadline) return Math.max(0, others);
  }
}
