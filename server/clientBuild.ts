import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["client", "shared", "build", "vite.config.ts", "package-lock.json"];

function newestMtime(p: string): number {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/**
 * Builds the client with Vite when `dist/client` is missing or older than any client source,
 * so `npm start` is the only step after `npm install`.
 */
export function ensureClientBuilt(root: string): string {
  const outDir = path.join(root, "dist", "client");
  const built = newestMtime(path.join(outDir, "index.html"));
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built === 0 || sources > built) {
    console.log(built === 0 ? "Building the client…" : "Client sources changed; rebuilding…");
    execFileSync(process.execPath, [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build"], {
      cwd: root,
      stdio: "inherit",
    });
  }
  return outDir;
}
