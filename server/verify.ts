// `npm run verify -- <export.json> [--key <public key PEM file | SHA-256 fingerprint>]`: checks an
// official version's JSON export offline, with no server and no account. Exit code 0: verified;
// 1: a check failed; 2: everything holds but the key was not checked against a published one.

import { createPublicKey } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { normalizeFingerprint } from "@shared/seal";
import { type Check, exitCode, type PinnedKey, verifyExport } from "./seal/verifyExport";

const USAGE = "usage: npm run verify -- <export.json> [--key <public key PEM file | SHA-256 fingerprint>]";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** `--key`: a PEM file when one exists at that path, else a fingerprint. */
function pinnedKey(value: string | undefined): PinnedKey | null {
  if (value === undefined) return null;
  if (fs.existsSync(value)) {
    const pem = fs.readFileSync(value, "utf8");
    try {
      createPublicKey(pem);
    } catch {
      fail(`${value} is not a PEM public key.`);
    }
    return { pem };
  }
  const fingerprint = normalizeFingerprint(value);
  if (!fingerprint) fail(`--key ${value}: neither a PEM file nor a SHA-256 fingerprint (64 hex digits).`);
  return { fingerprint };
}

let args: ReturnType<typeof parseArgs<{ options: { key: { type: "string" } }; allowPositionals: true }>>;
try {
  args = parseArgs({ options: { key: { type: "string" } }, allowPositionals: true });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const [file, ...extra] = args.positionals;
if (!file || extra.length > 0) fail(USAGE);
let exported: unknown;
try {
  exported = JSON.parse(fs.readFileSync(file, "utf8"));
} catch (error) {
  fail(`${file} cannot be read as JSON: ${(error as Error).message}`);
}
const checks = verifyExport(exported, pinnedKey(args.values.key));
const mark = (check: Check) => (check.ok === true ? "PASS" : check.ok === false ? "FAIL" : "----");
const lines = checks.map((c) => `  ${mark(c)}  ${c.name.padEnd(8)}  ${c.detail}`);
const code = exitCode(checks);
const verdict = [
  "VERIFIED: this is the official version its municipality's key sealed.",
  "NOT VERIFIED: this file is not an official version as sealed (see FAIL above).",
  "UNPINNED: the file is intact and sealed, but by a key you have not checked (give --key).",
][code];
process.stdout.write(`Checking ${file}\n${lines.join("\n")}\n${verdict}\n`);
process.exit(code);
