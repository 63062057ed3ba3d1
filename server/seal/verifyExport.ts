import { createPublicKey, type KeyObject } from "node:crypto";
import { canonicalJson, type FrozenPlan, type Signature } from "@shared/freeze";
import { signOffRulesBody } from "@shared/publicationBodies";
import { groupFingerprint, SEAL_ALGORITHM, SEAL_SCHEMA, sealStatement } from "@shared/seal";
import { frozenRules, signOffState } from "@shared/signOff";
import { z } from "zod";
import { sha256Hex } from "../store/ids";
import { publicKeyFingerprint, verifySeal } from "./signingKey";

/**
 * Checks a version's JSON export offline, as `npm run verify` does: its content hashes to its
 * hash, its signatures complete the sign-off rule it froze, its seal is an Ed25519 signature of
 * its statement, and the sealing key is the one the municipality published.
 */

/** One line of the verdict: passed, failed, or not checked (null). */
export interface Check {
  name: "format" | "hash" | "sign-off" | "key" | "seal";
  ok: boolean | null;
  detail: string;
}

/** The key to trust: a public key (PEM) or the fingerprint of one. */
export type PinnedKey = { pem: string } | { fingerprint: string };

// Loose: the statement covers each signature as exported, fields a later release adds included.
const signature = z.looseObject({
  userId: z.string(),
  name: z.string(),
  organization: z.string().nullable(),
  sector: z.enum(["government", "civil_society", "academia", "private_sector", "citizen"]),
  role: z.string(),
  decision: z.enum(["signed", "declined"]),
  hash: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});

// Loose where the export may grow, exact where the checks read.
const exportShape = z.object({
  schema: z.literal("cocrea.plan/v1"),
  version: z.object({
    number: z.int().min(1),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    officialAt: z.string(),
    signatures: z.array(signature),
    declines: z.array(signature),
  }),
  content: z.looseObject({ schema: z.literal("cocrea.plan/v1") }),
  seal: z.object({
    algorithm: z.literal(SEAL_ALGORITHM),
    statement: z.literal(SEAL_SCHEMA),
    keyFingerprint: z.string(),
    publicKey: z.string(),
    signature: z.string(),
  }),
});

function signOffCheck(content: FrozenPlan, hash: string, decisions: Signature[]): Check {
  if (content.rules !== undefined && !signOffRulesBody.safeParse(content.rules).success) {
    return { name: "sign-off", ok: false, detail: "the sign-off rules in the content are not valid rules" };
  }
  const other = decisions.filter((d) => d.hash !== hash).length;
  if (other > 0) return { name: "sign-off", ok: false, detail: `${other} signature(s) are of another hash` };
  const state = signOffState(frozenRules(content), decisions);
  const counts = `government ${state.government.signed}/${state.government.needed}, non-governmental ${state.nonGovernmental.signed}/${state.nonGovernmental.needed}${state.blocked ? ", blocked by a decline" : ""}`;
  return state.complete
    ? {
        name: "sign-off",
        ok: true,
        detail: `the signatures complete the rule the proposal froze (${counts})`,
      }
    : {
        name: "sign-off",
        ok: false,
        detail: `the signatures do not complete the rule the proposal froze (${counts})`,
      };
}

function keyCheck(
  embedded: KeyObject,
  claimed: string,
  pinned: PinnedKey | null,
): { check: Check; key: KeyObject } {
  const fingerprint = publicKeyFingerprint(embedded);
  if (fingerprint !== claimed) {
    return {
      key: embedded,
      check: { name: "key", ok: false, detail: "the export's key does not have the fingerprint it claims" },
    };
  }
  if (pinned === null) {
    return {
      key: embedded,
      check: {
        name: "key",
        ok: null,
        detail: `not checked: pass --key with the fingerprint the municipality publishes (this export's key is ${groupFingerprint(fingerprint)})`,
      },
    };
  }
  if ("pem" in pinned) {
    const key = createPublicKey(pinned.pem);
    const ok = publicKeyFingerprint(key) === fingerprint;
    return {
      key,
      check: {
        name: "key",
        ok,
        detail: ok
          ? "the export was sealed with the key you gave"
          : "the export was sealed with another key than the one you gave",
      },
    };
  }
  const ok = pinned.fingerprint === fingerprint;
  return {
    key: embedded,
    check: {
      name: "key",
      ok,
      detail: ok
        ? `the sealing key has the fingerprint you gave: ${groupFingerprint(fingerprint)}`
        : `the sealing key's fingerprint is ${groupFingerprint(fingerprint)}, not the one you gave`,
    },
  };
}

/** Every check of an export (parsed JSON), in the order the verdict lists them. */
export function verifyExport(exported: unknown, pinned: PinnedKey | null): Check[] {
  const parsed = exportShape.safeParse(exported);
  if (!parsed.success) {
    return [
      {
        name: "format",
        ok: false,
        detail: `not a Cocrea version export: ${parsed.error.issues[0]?.message}`,
      },
    ];
  }
  const { version, seal } = parsed.data;
  const content = parsed.data.content as unknown as FrozenPlan;
  const decisions = [...version.signatures, ...version.declines] as Signature[];
  const hashed = sha256Hex(canonicalJson(content));
  const checks: Check[] = [
    hashed === version.hash
      ? {
          name: "hash",
          ok: true,
          detail: `the content hashes to ${version.hash} (SHA-256 of its canonical JSON)`,
        }
      : {
          name: "hash",
          ok: false,
          detail: `the content hashes to ${hashed}, not to the version's ${version.hash}`,
        },
    signOffCheck(content, version.hash, decisions),
  ];
  let embedded: KeyObject;
  try {
    embedded = createPublicKey(seal.publicKey);
  } catch {
    return [...checks, { name: "key", ok: false, detail: "the export's public key is not a PEM key" }];
  }
  const { check, key } = keyCheck(embedded, seal.keyFingerprint, pinned);
  const statement = sealStatement({
    ...version,
    signatures: version.signatures as Signature[],
    declines: version.declines as Signature[],
  });
  const sealed = verifySeal(key, statement, seal.signature);
  return [
    ...checks,
    check,
    sealed
      ? {
          name: "seal",
          ok: true,
          detail:
            "the Ed25519 seal is the key's signature of this version's number, hash, signatures and time",
        }
      : {
          name: "seal",
          ok: false,
          detail: "the Ed25519 seal does not match this version's number, hash, signatures and time",
        },
  ];
}

/** The exit code for a list of checks: 0 all passed, 1 one failed, 2 none failed but one was not checked. */
export function exitCode(checks: Check[]): number {
  if (checks.some((c) => c.ok === false)) return 1;
  return checks.some((c) => c.ok === null) ? 2 : 0;
}
