import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Plugin } from "vite";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Below this, the saving does not pay for the extra file and the header. */
const MIN_BYTES = 1024;

/**
 * Writes `file.br` (Brotli, best quality) and `file.gz` (gzip, best level) beside `file`, each only
 * when it is smaller than the original; returns the encodings written. Done once at build time, so
 * the server spends no CPU per request and a phone on a slow link gets the smallest bytes.
 */
export async function precompressFile(file: string): Promise<string[]> {
  const source = await fs.promises.readFile(file);
  if (source.length < MIN_BYTES) return [];
  const variants = await Promise.all([
    brotli(source, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }).then((bytes) => ["br", bytes] as const),
    gzip(source, { level: zlib.constants.Z_BEST_COMPRESSION }).then((bytes) => ["gz", bytes] as const),
  ]);
  const written: string[] = [];
  for (const [extension, bytes] of variants) {
    if (bytes.length >= source.length) continue;
    await fs.promises.writeFile(`${file}.${extension}`, bytes);
    written.push(extension);
  }
  return written;
}

/** A Vite build plugin: precompresses every text file of the bundle (see server/static.ts). */
export function precompress(): Plugin {
  return {
    name: "cocrea-precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? "";
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(files.map((name) => precompressFile(path.join(outDir, name))));
    },
  };
}
