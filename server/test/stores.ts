import { afterAll, describe } from "vitest";
import type { Config } from "../config";
import { describeWithPostgres, type PostgresServer, startPostgresServer } from "./postgresServer";
import { freshPostgresDatabase, onPostgres } from "./testStore";

/** The database a suite runs on, as settings for `startTestServer({ config })`. */
export interface TestDatabase {
  name: "SQLite" | "PostgreSQL";
  /** A fresh, empty database: nothing for SQLite (each server gets a fresh data folder), a new PostgreSQL database otherwise. */
  config(): Promise<Pick<Config, "databaseUrl">>;
}

const sqlite: TestDatabase = { name: "SQLite", config: async () => ({ databaseUrl: null }) };

/**
 * Runs `body` twice: on SQLite, and on a PostgreSQL server of the file's own (started on first use,
 * stopped after the suite). The PostgreSQL half follows `describeWithPostgres`: skipped loudly outside
 * CI when PostgreSQL is not installed, run (and failing) in CI. In the PostgreSQL pass
 * (`COCREA_TEST_STORE=postgres`) only the PostgreSQL half runs, on the run's server: the SQLite pass
 * runs the other.
 */
export function describeEachStore(name: string, body: (database: TestDatabase) => void): void {
  if (onPostgres) {
    describe(`${name} (PostgreSQL)`, () =>
      body({ name: "PostgreSQL", config: async () => ({ databaseUrl: await freshPostgresDatabase() }) }));
    return;
  }
  describe(`${name} (SQLite)`, () => body(sqlite));
  describeWithPostgres(`${name} (PostgreSQL)`, () => {
    let server: Promise<PostgresServer> | undefined;
    // Registered before the body's own hooks, so it runs after them: servers close before PostgreSQL stops.
    afterAll(async () => (await server)?.stop());
    body({
      name: "PostgreSQL",
      async config() {
        server ??= startPostgresServer();
        return { databaseUrl: await (await server).createDatabase() };
      },
    });
  });
}
