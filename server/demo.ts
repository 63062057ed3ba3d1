/**
 * `npm run demo`: seeds the Villa Esperanza sample workspace (see demo/seed.ts) in the data
 * directory (COCREA_DATA_DIR, default ./data), prints who can sign in, and starts the server.
 */
import { loadConfig } from "./config";
import { createContext } from "./createContext";
import { DEMO_PASSWORD, FACILITATOR, MEMBERS } from "./demo/people";
import { seedDemo } from "./demo/seed";

const config = loadConfig();
const ctx = await createContext(config);
const { workspace, reused } = await seedDemo(ctx).finally(() => ctx.close());
const site = `http://localhost:${config.port}`;
console.log(`
Villa Esperanza demo workspace ${reused ? "found (from an earlier run) and reused" : "created"} in ${config.dataDir}.
Sign in at ${site}/signin as ${FACILITATOR.email}, then open ${site}/w/${workspace.id}
Every account's password: ${DEMO_PASSWORD}
`);
console.table(
  [FACILITATOR, ...MEMBERS].map(({ name, email, role, sector }) => ({ name, email, role, sector })),
);
console.log("Try two browsers (or a private window) signed in as Carmen and Mateo to co-write live.\n");
// Starts the real server in this process (it prints its address when ready).
await import("./main");
