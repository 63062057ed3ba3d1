import fs from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { precompress } from "./build/precompress";

/** The test settings of the PostgreSQL pass (`COCREA_TEST_STORE=postgres`), none otherwise. */
function postgresPass(): { globalSetup?: string[]; include?: string[]; passWithNoTests?: boolean } {
  if (process.env.COCREA_TEST_STORE !== "postgres") return {};
  const root = "/usr/lib/postgresql";
  const installed =
    process.env.POSTGRES_BIN !== undefined ||
    (fs.existsSync(root) && fs.readdirSync(root).some((v) => fs.existsSync(`${root}/${v}/bin/initdb`)));
  if (!installed && !process.env.CI) {
    console.warn(
      "\n*** SKIPPED the PostgreSQL pass: PostgreSQL is not installed (apt-get install postgresql). CI installs it. ***\n",
    );
    return { include: [], passWithNoTests: true };
  }
  return { globalSetup: ["server/test/postgresGlobalSetup.ts"] };
}

const dir = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: "client",
  plugins: [react(), precompress()],
  resolve: {
    alias: {
      "@shared": dir("./shared"),
      "@server": dir("./server"),
      "~": dir("./client"),
    },
  },
  build: {
    outDir: dir("./dist/client"),
    emptyOutDir: true,
    sourcemap: false,
    // The server reads which CSS the plan page needs, to link it from the page it renders.
    manifest: true,
    // The plan editor chunk (Tiptap + ProseMirror + Yjs, ~173 kB gzip) loads only on the plan page.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": "http://localhost:3000",
      "/collab": { target: "ws://localhost:3000", ws: true },
    },
  },
  test: {
    root: ".",
    include: ["{server,shared,client}/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The PostgreSQL pass (npm run test:postgres) starts one PostgreSQL server for the run; outside
    // CI without PostgreSQL installed it runs nothing, loudly.
    ...postgresPass(),
  },
});
