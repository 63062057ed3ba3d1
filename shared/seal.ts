import { canonicalJson, type VersionSummary } from "./freeze";

/**
 * The server's seal on an official version: an Ed25519 signature, by the key whose fingerprint the
 * municipality publishes, over the version's statement (its number, hash, signatures, declines and
 * time). Anyone holding a JSON export and the fingerprint can check it offline (`npm run verify`).
 * Isomorphic: the statement is built here; signing and checking need node:crypto.
 */

/** The schema of the signed statement. */
export const SEAL_SCHEMA = "cocrea.seal/v1";
export const SEAL_ALGORITHM = "Ed25519";

/** A version's seal as the JSON export and the version answer carry it. */
export interface VersionSeal {
  algorithm: typeof SEAL_ALGORITHM;
  statement: typeof SEAL_SCHEMA;
  /** SHA-256 (hex) of the public key's DER (SPKI) bytes: what the municipality publishes. */
  keyFingerprint: string;
  /** The public key itself (PEM), so the export can be checked with its fingerprint alone. */
  publicKey: string;
  /** Base64 of the 64-byte Ed25519 signature of `sealStatement(version)`. */
  signature: string;
  sealedAt: string;
}

/** `GET /api/public/key`: the key official versions are sealed with. */
export interface PublicKeyResponse {
  algorithm: typeof SEAL_ALGORITHM;
  publicKey: string;
  fingerprint: string;
}

/**
 * The exact text the server signs for a version: canonical JSON of its number, hash, signatures,
 * declines and the time it became official. Signatures and declines are the objects the version
 * answer and the export show (name, organisation, sector, role, decision, hash, time).
 */
export function sealStatement(
  version: Pick<VersionSummary, "number" | "hash" | "officialAt" | "signatures" | "declines">,
): string {
  return canonicalJson({
    schema: SEAL_SCHEMA,
    number: version.number,
    hash: version.hash,
    officialAt: version.officialAt,
    signatures: version.signatures,
    declines: version.declines,
  });
}

/** A fingerprint as people read it aloud or compare it by eye: groups of four hex digits. */
export const groupFingerprint = (fingerprint: string): string =>
  fingerprint.match(/.{1,4}/g)?.join(" ") ?? fingerprint;

/**
 * A fingerprint typed or pasted in any common form (`SHA256:` prefix, spaces, colons, capitals)
 * as 64 lowercase hex digits; null when it is not one.
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text
    .trim()
    .replace(/^sha-?256:/i, "")
    .replace(/[\s:]/g, "")
    .toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}
