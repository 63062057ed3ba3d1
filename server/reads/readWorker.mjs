// The entry of the read worker thread (see ReadWorker.ts). Plain JavaScript that loads the
// TypeScript job code through tsx itself, so the thread runs the same whether the process was
// started by tsx (npm start), vitest or anything else: none of the parent's loader flags apply here.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
await import("./readJobs.ts");
