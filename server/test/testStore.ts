import { inject } from "vitest";
import { type Database, openDatabase } from "../store/database";
import { createDatabase } from "./postgresServer";

declare module "vitest" {
  export interface ProvidedContext {
    /** The maintenance database of the run's PostgreSQL server (postgresGlobalSetup.ts), in the PostgreSQL pass. */
    postgresUrl: string;
  }
}

/**
 * The store every test server of this run uses: `COCREA_TEST_STORE=postgres` (`npm run
 * test:postgres`) puts each one on a fresh PostgreSQL database instead of a fresh SQLite file.
 */
export type TestStore = "sqlite" | "postgres";

function readTestStore(): TestStore {
  const value = process.env.COCREA_TEST_STORE ?? "sqlite";
  if (value !== "sqlite" && value !== "postgres") {
    throw new Error(`COCREA_TEST_STORE must be "sqlite" or "postgres", not "${value}"`);
  }
  return value;
}

export const TEST_STORE: TestStore = readTestStore();

/** Whether this is the PostgreSQL pass. */
export const onPostgres = TEST_STORE === "postgres";

/** The run's PostgreSQL server, started once by postgresGlobalSetup.ts. */
function postgresServerUrl(): string {
  const url = inject("postgresUrl");
  if (!url)
    throw new Error("COCREA_TEST_STORE=postgres but no PostgreSQL server was started (vite.config.ts)");
  return url;
}

/** A fresh, empty PostgreSQL database on the run's server (PostgreSQL pass only). */
export const freshPostgresDatabase = (): Promise<string> => createDatabase(postgresServerUrl());

/** One database per data folder, so a test that restarts a server on the same folder finds its data. */
const byDataDir = new Map<string, Promise<string>>();

/**
 * The database a server given data folder `dataDir` runs on: null on SQLite (its `cocrea.db` in the
 * folder), else the PostgreSQL database that stands for that folder, created on first use. Servers
 * and processes sharing a folder (a cluster, a restart) thus share one database on either store.
 */
export function testDatabaseFor(dataDir: string): Promise<string | null> {
  if (!onPostgres) return Promise.resolve(null);
  let database = byDataDir.get(dataDir);
  if (!database) {
    database = freshPostgresDatabase();
    byDataDir.set(dataDir, database);
  }
  return database;
}

/** Opens the database of data folder `dataDir` on the run's store (see `testDatabaseFor`), as a server would. */
export async function openTestDatabase(dataDir: string): Promise<Database> {
  return openDatabase({ dataDir, databaseUrl: await testDatabaseFor(dataDir) });
}
