import { hash, randomBytes, randomFillSync } from "node:crypto";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * Random bytes for ids, drawn from the system's generator a pool at a time (as `randomUUID` does):
 * one call per id cost more than the rest of recording an input.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomPoolBytes(count: number): Buffer {
  if (poolOffset + count > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + count);
  poolOffset += count;
  return bytes;
}

/** A random record id: 16 lowercase base32 characters (80 bits), safe in URLs and document names. */
export function newId(): string {
  const bytes = randomPoolBytes(10);
  let bits = 0;
  let value = 0;
  let id = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      id += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return id;
}

/** A secret for a link (256 bits, base64url). Only its `sha256Hex` is stored. */
export const newToken = (): string => randomBytes(32).toString("base64url");

// One-shot `hash` (Node 20.12): no Hash object per call, on every request's session lookup.
export const sha256Hex = (value: string): string => hash("sha256", value, "hex");

/** Milliseconds since the epoch (how the database stores times) as ISO 8601 (how the API shows them). */
export const toIso = (ms: number): string => new Date(ms).toISOString();
export const toIsoOrNull = (ms: number | null): string | null => (ms === null ? null : toIso(ms));
