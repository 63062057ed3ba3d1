import { createPublicKey, generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSigningKey, publicKeyFingerprint, SigningKeyError } from "./signingKey";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-key-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("loadSigningKey", () => {
  it("makes an Ed25519 key on first start, readable by its owner only, and keeps it after", () => {
    const file = path.join(root, "data", "signing-key.pem");
    const first = loadSigningKey(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(createPublicKey(first.publicKeyPem).asymmetricKeyType).toBe("ed25519");
    expect(first.fingerprint).toBe(publicKeyFingerprint(createPublicKey(first.publicKeyPem)));
    const again = loadSigningKey(file);
    expect(again.fingerprint).toBe(first.fingerprint);
    const signature = first.sign("statement");
    expect(again.verify("statement", signature)).toBe(true);
    expect(again.verify("statemenT", signature)).toBe(false);
    expect(again.verify("statement", "not base64 at all")).toBe(false);
  });

  it("warns about a key file others can read", () => {
    const file = path.join(root, "loose.pem");
    loadSigningKey(file);
    fs.chmodSync(file, 0o644);
    const warnings: string[] = [];
    loadSigningKey(file, (message) => warnings.push(message));
    expect(warnings).toEqual([`the signing key ${file} can be read by other users; run chmod 600 on it`]);
  });

  it("refuses to start with a key file it cannot use rather than replace it", () => {
    const garbage = path.join(root, "garbage.pem");
    fs.writeFileSync(garbage, "not a key", { mode: 0o600 });
    expect(() => loadSigningKey(garbage)).toThrow(SigningKeyError);
    expect(fs.readFileSync(garbage, "utf8")).toBe("not a key");
    const rsa = path.join(root, "rsa.pem");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    fs.writeFileSync(rsa, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    expect(() => loadSigningKey(rsa)).toThrow(/is a rsa key; Cocrea seals with Ed25519/);
  });
});
