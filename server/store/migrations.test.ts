import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MIGRATIONS_ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Every folder under migrations/ that holds numbered SQL files (one per dialect, or the root). */
function migrationFolders(dir: string): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const nested = entries
    .filter((e) => e.isDirectory())
    .flatMap((e) => migrationFolders(path.join(dir, e.name)));
  return entries.some((e) => e.isFile() && e.name.endsWith(".sql")) ? [dir, ...nested] : nested;
}

describe("migrations", () => {
  // Migrations are applied by number: two files with one number (two branches each adding "009")
  // would leave the second silently unapplied on every database that already has the first.
  it("gives every migration file of a folder its own number", () => {
    for (const folder of migrationFolders(MIGRATIONS_ROOT)) {
      const numbers = fs
        .readdirSync(folder)
        .filter((f) => f.endsWith(".sql"))
        .map((f) => Number.parseInt(f, 10));
      expect(numbers.every(Number.isInteger), folder).toBe(true);
      expect(new Set(numbers).size, `duplicate migration number in ${folder}`).toBe(numbers.length);
    }
  });
});
