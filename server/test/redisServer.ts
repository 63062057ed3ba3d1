import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe } from "vitest";

const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";

/** Whether redis-server can be started here. */
export const redisServerFound = spawnSync(REDIS_SERVER, ["--version"]).status === 0;

/**
 * `describe` for tests that need a real Redis. Outside CI, without redis-server, they are skipped
 * with a loud message; in CI they run, and fail for want of it, since .ci/run installs it.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (!redisServerFound && !process.env.CI) {
    console.warn(
      `\n*** SKIPPED "${name}": redis-server is not installed (apt-get install redis-server). CI installs it. ***\n`,
    );
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

/** A redis-server of a test's own, on a free loopback port, storing nothing on disk. */
export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  /** Freezes the server (SIGSTOP): connections stay open but nothing answers, as with a lost link. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const answersPing = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Starts redis-server daemonized (on `port`, e.g. to bring a stopped one back) and waits until it answers. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-redis-"));
  const pidFile = path.join(dir, "redis.pid");
  port ??= await freePort();
  const listening = port;
  execFileSync(REDIS_SERVER, [
    "--port",
    String(listening),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    dir,
    "--daemonize",
    "yes",
    "--pidfile",
    pidFile,
    "--logfile",
    path.join(dir, "redis.log"),
  ]);
  const deadline = Date.now() + 5000;
  while (!(await answersPing(listening))) {
    if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${listening}`);
    await sleep(20);
  }
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  return {
    url: `redis://127.0.0.1:${listening}`,
    port: listening,
    pid,
    freeze: () => process.kill(pid, "SIGSTOP"),
    thaw: () => process.kill(pid, "SIGCONT"),
    async stop() {
      if (isRunning(pid)) {
        process.kill(pid, "SIGCONT");
        process.kill(pid, "SIGTERM");
      }
      for (let i = 0; i < 250 && isRunning(pid); i++) await sleep(20);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
