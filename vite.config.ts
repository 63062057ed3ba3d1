import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { precompress } from "./build/precompress";

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
  },
});
