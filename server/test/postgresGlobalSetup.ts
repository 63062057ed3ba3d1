import type { TestProject } from "vitest/node";
import { startPostgresServer } from "./postgresServer";

/**
 * The PostgreSQL pass (`COCREA_TEST_STORE=postgres`): one PostgreSQL server for the whole run,
 * on which every test server gets a database of its own; stopped when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgresServer();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
