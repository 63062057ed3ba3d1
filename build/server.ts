import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where `npm start` runs the server from (ignored by git, rebuilt by `prestart`). */
export const SERVER_BUILD_DIR = path.join(root, "dist/server");
export const SERVER_ENTRY = path.join(SERVER_BUILD_DIR, "main.mjs");

/**
 * Bundles the server's TypeScript (server/main.ts and what it imports from server/ and shared/) into
 * plain JavaScript in dist/server, packages left as imports. Running it with `node` instead of
 * `node --import tsx` spares the process tsx's loader thread and the compiler it keeps in memory
 * (about 33 MB of RSS before any of Cocrea's code runs). The page renderer stays a chunk of its
 * own, loaded only by a process that serves pages.
 *
 * Files that find their neighbours through `import.meta.url` (migrations, worker entries) keep
 * finding them in the source tree: each file's `import.meta.url` is rewritten to its source file's
 * URL, relative to the bundle, so the build works wherever the checkout is.
 */
export async function buildServer(): Promise<void> {
  // Chunk names carry a hash: clear the previous build's so none is left behind.
  await rm(SERVER_BUILD_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [path.join(root, "server/main.ts")],
    outdir: SERVER_BUILD_DIR,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    jsx: "automatic",
    sourcemap: true,
    logLevel: "warning",
    plugins: [sourceUrls],
  });
}

const sourceUrls: esbuild.Plugin = {
  name: "source-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      // Every chunk lands in SERVER_BUILD_DIR, so this relative URL names the source file from any of them.
      const relative = path.relative(SERVER_BUILD_DIR, args.path).split(path.sep).join("/");
      const contents = source.replaceAll(
        "import.meta.url",
        `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
      );
      return { contents, loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
    });
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await buildServer();
}
