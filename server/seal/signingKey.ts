import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The server's Ed25519 key that seals official versions, and what the public may know of it. */
export interface SigningKey {
  /** SHA-256 (hex) of the public key's DER (SPKI) bytes. */
  fingerprint: string;
  publicKeyPem: string;
  /** Base64 of the Ed25519 signature of `text` (UTF-8). */
  sign(text: string): string;
  /** Whether `signature` (base64) is this key's signature of `text`. */
  verify(text: string, signature: string): boolean;
}

/** A key file that exists but cannot serve: the server refuses to start rather than make a new one. */
export class SigningKeyError extends Error {}

/** SHA-256 hex of a public key's DER (SPKI) encoding: the same whatever PEM line breaks. */
export function publicKeyFingerprint(key: KeyObject): string {
  return createHash("sha256")
    .update(key.export({ type: "spki", format: "der" }))
    .digest("hex");
}

/** Whether `signature` (base64) is the Ed25519 signature of `text` by `publicKey`. */
export function verifySeal(publicKey: KeyObject, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    fingerprint: publicKeyFingerprint(publicKey),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign: (text) => sign(null, Buffer.from(text, "utf8"), privateKey).toString("base64"),
    verify: (text, signature) => verifySeal(publicKey, text, signature),
  };
}

/**
 * The key at `file` (PKCS#8 PEM), generated on first start with mode 0600 (readable by the
 * server's user only). A file that is not an Ed25519 private key stops the start: generating a
 * new key over it would make every sealed version fail its check. `warn` hears about a key file
 * others may read.
 */
export function loadSigningKey(file: string, warn: (message: string) => void = () => {}): SigningKey {
  let pem: string;
  try {
    pem = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const { privateKey } = generateKeyPairSync("ed25519");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // "wx": never overwrite a key another process wrote a moment ago.
    fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
    return fromPrivateKey(privateKey);
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) {
    warn(`the signing key ${file} can be read by other users; run chmod 600 on it`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new SigningKeyError(`${file} is not a PEM private key.`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new SigningKeyError(`${file} is a ${privateKey.asymmetricKeyType} key; Cocrea seals with Ed25519.`);
  }
  return fromPrivateKey(privateKey);
}
