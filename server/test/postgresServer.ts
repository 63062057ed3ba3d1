import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe } from "vitest";

/** Debian's PostgreSQL binaries (the newest installed version), or null when none is. */
function findBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

const BIN = process.env.POSTGRES_BIN ?? findBinaries();

/** Whether a PostgreSQL server can be started here. */
export const postgresFound = BIN !== null;

/**
 * `describe` for tests that need a real PostgreSQL. Outside CI, without it, they are skipped with a
 * loud message; in CI they run, and fail for want of it, since .ci/run installs it.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (!postgresFound && !process.env.CI) {
    console.warn(
      `\n*** SKIPPED "${name}": PostgreSQL is not installed (apt-get install postgresql). CI installs it. ***\n`,
    );
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

export interface PostgresServer {
  /** postgres://cocrea@127.0.0.1:<port>/postgres: the maintenance database, to create others from. */
  url: string;
  /** The postmaster's process id (its backends are its children). */
  pid: number;
  /** A URL of a new, empty database on this server. */
  createDatabase(): Promise<string>;
  stop(): void;
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

let databases = 0;

/**
 * A new, empty database on the server whose maintenance database is at `serverUrl`; resolves with
 * its URL. Names are unique across the processes of a test run (pid, counter, time).
 */
export async function createDatabase(serverUrl: string): Promise<string> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const name = `cocrea_${process.pid}_${++databases}_${Date.now().toString(36)}`;
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A PostgreSQL server of the tests' own, in a temporary folder on a free loopback port, trusting
 * local connections. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user
 * (which Debian's package creates). The C locale sorts as SQLite does. Tests run it with fsync off
 * (nothing they check survives a power cut); `{ fsync: true }` keeps PostgreSQL's own default, as
 * a production server runs (the benchmark's cluster).
 */
export async function startPostgresServer({
  fsync = false,
}: {
  fsync?: boolean;
} = {}): Promise<PostgresServer> {
  if (!BIN) throw new Error("PostgreSQL is not installed (apt-get install postgresql)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const run = (command: string, args: string[]) =>
    asRoot
      ? execFileSync("runuser", ["-u", "postgres", "--", path.join(BIN, command), ...args], { stdio: "pipe" })
      : execFileSync(path.join(BIN, command), args, { stdio: "pipe" });
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-A", "trust", "-U", "cocrea", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  run("pg_ctl", [
    "-D",
    data,
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fsync ? "" : " -c fsync=off"} -c max_connections=300`,
    "-l",
    path.join(dir, "log"),
    "-w",
    "start",
  ]);
  const url = `postgres://cocrea@127.0.0.1:${port}/postgres`;
  // postmaster.pid's first line, once pg_ctl -w has seen it start.
  const pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    url,
    pid,
    createDatabase: () => createDatabase(url),
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
