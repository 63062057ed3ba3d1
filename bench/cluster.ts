import { readFileSync } from "node:fs";
import { createDatabase, postgresFound, startPostgresServer } from "../server/test/postgresServer";
import { redisServerFound, startRedisServer } from "../server/test/redisServer";
import { procCpuSeconds, type ServerUnderTest, startCocrea } from "./servers";

/** How many instances the cluster column runs. */
export const CLUSTER_SIZE = 3;

/** Why the cluster cannot run here (binaries missing), or null when it can. */
export function clusterUnavailable(): string | null {
  const missing = [
    postgresFound ? null : "PostgreSQL (apt-get install postgresql)",
    redisServerFound ? null : "redis-server (apt-get install redis-server)",
  ].filter((what) => what !== null);
  return missing.length === 0 ? null : `${missing.join(" and ")} not installed`;
}

/**
 * The PostgreSQL and Redis the cluster shares, the benchmark's own (the tests' helpers, on free
 * loopback ports): PostgreSQL with its production defaults (fsync on, synchronous commit), Redis
 * storing nothing on disk.
 */
export interface ClusterBackends {
  databaseUrl: string;
  redisUrl: string;
  /** PostgreSQL's processes (the postmaster and its backends) and Redis's, right now. */
  pids(): number[];
  /** Stops both at once (synchronously, so it also runs from an exit handler); idempotent. */
  stopNow(): void;
}

const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

export async function startClusterBackends(): Promise<ClusterBackends> {
  const postgres = await startPostgresServer({ fsync: true });
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  try {
    redis = await startRedisServer();
  } catch (error) {
    postgres.stop();
    throw error;
  }
  let stopped = false;
  return {
    databaseUrl: await createDatabase(postgres.url),
    redisUrl: redis.url,
    pids: () => [postgres.pid, ...childrenOf(postgres.pid), redis.pid],
    stopNow() {
      if (stopped) return;
      stopped = true;
      try {
        process.kill(redis.pid, "SIGKILL");
      } catch {
        // already gone
      }
      postgres.stop();
    },
  };
}

/** A cluster under test: the instances, and the whole (instances, PostgreSQL and Redis) as one server. */
export interface ClusterUnderTest extends ServerUnderTest {
  instances: ServerUnderTest[];
}

const sumOver = (pids: number[], read: (pid: number) => number): number =>
  pids.reduce((sum, pid) => {
    try {
      return sum + read(pid);
    } catch {
      return sum; // a backend that ended between the listing and the read
    }
  }, 0);

/**
 * Starts `CLUSTER_SIZE` Cocrea processes, as `npm start` runs them, each on its own loopback port,
 * sharing `backends` and one data folder (for the signing key). One after another: the first applies
 * the migrations. Its CPU time counts the instances, PostgreSQL and Redis (all of it is the server
 * side); its RSS counts the instances only (PostgreSQL's shared buffers would be counted once per
 * backend).
 */
export async function startCocreaCluster(
  dataDir: string,
  backends: ClusterBackends,
  cpuProfileDir?: string,
): Promise<ClusterUnderTest> {
  const env = { COCREA_DATABASE_URL: backends.databaseUrl, COCREA_REDIS_URL: backends.redisUrl };
  const instances: ServerUnderTest[] = [];
  try {
    for (let i = 0; i < CLUSTER_SIZE; i++) instances.push(await startCocrea(dataDir, cpuProfileDir, { env }));
  } catch (error) {
    await Promise.all(instances.map((instance) => instance.stop()));
    throw error;
  }
  const [first] = instances as [ServerUnderTest];
  // PostgreSQL's backends come and go with the pools' connections: each one's CPU time is kept as
  // last read, so that the total never falls when one ends between two readings.
  const backendSeconds = new Map<number, number>();
  const backendsCpuSeconds = (): number => {
    for (const pid of backends.pids()) {
      const seconds = sumOver([pid], procCpuSeconds);
      backendSeconds.set(pid, Math.max(seconds, backendSeconds.get(pid) ?? 0));
    }
    return [...backendSeconds.values()].reduce((sum, seconds) => sum + seconds, 0);
  };
  return {
    ...first,
    kind: "cluster",
    instances,
    rssBytes: () => instances.reduce((sum, instance) => sum + instance.rssBytes(), 0),
    cpuSeconds: () =>
      instances.reduce((sum, instance) => sum + instance.cpuSeconds(), 0) + backendsCpuSeconds(),
    async stop(signal) {
      await Promise.all(instances.map((instance) => instance.stop(signal)));
    },
  };
}
