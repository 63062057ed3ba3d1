import { createHash, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { canonicalJson } from "@shared/freeze";
import { type PublicKeyResponse, sealStatement } from "@shared/seal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../auth/lucia";
import { run } from "../ops/test/run";
import { freezePath, officialWorkspace } from "../routes/versions.fixtures";
import { sha256Hex } from "../store/ids";
import { anonymous, createUser } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { publicKeyFingerprint } from "./signingKey";

/** `npm run verify` on a real export of a real server, then on copies someone changed. */

let srv: TestServer;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-verify-"));
let key: PublicKeyResponse;
let exportText: string;

beforeAll(async () => {
  srv = await startTestServer();
  const [facilitator, govDrafter, csoDrafter] = await Promise.all([
    createUser(srv, { name: "Fiona Facilitator" }),
    createUser(srv, { name: "Gabriel Government" }),
    createUser(srv, { name: "Celia Civil" }),
  ]);
  const { id, slug } = await officialWorkspace(srv, { facilitator, govDrafter, csoDrafter }, "verify");
  key = (await anonymous(srv).get<PublicKeyResponse>("/api/public/key")).body;
  exportText = await (
    await fetch(`${srv.url}/api/public/workspaces/${slug}/versions/1/export?format=json`)
  ).text();
  // Members download the same file.
  const member = await fetch(srv.url + freezePath(id, "/versions/1/export?format=json"), {
    headers: { Cookie: `${SESSION_COOKIE}=${facilitator.cookie}` },
  });
  expect(await member.text()).toBe(exportText);
});
afterAll(async () => {
  await srv.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes `text` as an export file and runs the verifier on it. */
function verify(name: string, text: string, ...args: string[]) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return run(process.execPath, ["--import", "tsx", "server/verify.ts", file, ...args], {});
}

/** The verdict lines as [mark, check] pairs, e.g. ["PASS", "hash"]. */
const marks = (stdout: string) =>
  [...stdout.matchAll(/^ {2}(PASS|FAIL|----) {2}(\S+)/gm)].map((m) => [m[1], m[2]]);

describe("GET /api/public/key", () => {
  it("publishes the Ed25519 public key and the SHA-256 fingerprint of its DER bytes", () => {
    const publicKey = createPublicKey(key.publicKey);
    expect(key.algorithm).toBe("Ed25519");
    expect(publicKey.asymmetricKeyType).toBe("ed25519");
    expect(key.fingerprint).toBe(
      createHash("sha256")
        .update(publicKey.export({ type: "spki", format: "der" }))
        .digest("hex"),
    );
    expect(key.fingerprint).toBe(srv.ctx.signingKey.fingerprint);
    expect(JSON.parse(exportText).seal).toMatchObject({
      keyFingerprint: key.fingerprint,
      publicKey: key.publicKey,
    });
  });
});

describe("npm run verify", () => {
  it("verifies a real export against the published fingerprint, or the published key file", async () => {
    fs.writeFileSync(path.join(dir, "v1.json"), exportText);
    const npm = await run(
      "npm",
      ["run", "--silent", "verify", "--", path.join(dir, "v1.json"), "--key", `SHA256:${key.fingerprint}`],
      {},
    );
    expect(npm.code, npm.stderr).toBe(0);
    expect(marks(npm.stdout)).toEqual([
      ["PASS", "hash"],
      ["PASS", "sign-off"],
      ["PASS", "key"],
      ["PASS", "seal"],
    ]);
    expect(npm.stdout).toContain("VERIFIED");
    const pem = path.join(dir, "published.pem");
    fs.writeFileSync(pem, key.publicKey);
    const byPem = await verify("v1-pem.json", exportText, "--key", pem);
    expect([byPem.code, marks(byPem.stdout)]).toEqual([
      0,
      [
        ["PASS", "hash"],
        ["PASS", "sign-off"],
        ["PASS", "key"],
        ["PASS", "seal"],
      ],
    ]);
  }, 60_000);

  it("says so when no key was given to check against (exit code 2)", async () => {
    const result = await verify("unpinned.json", exportText);
    expect(result.code).toBe(2);
    expect(marks(result.stdout)).toEqual([
      ["PASS", "hash"],
      ["PASS", "sign-off"],
      ["----", "key"],
      ["PASS", "seal"],
    ]);
    expect(result.stdout).toContain(
      `this export's key is ${key.fingerprint.slice(0, 4)} ${key.fingerprint.slice(4, 8)}`,
    );
  }, 30_000);

  it("fails an export with one byte of its text changed", async () => {
    const changed = exportText.replace("Title verify", "Title verifz");
    expect(changed).not.toBe(exportText);
    const result = await verify("byte.json", changed, "--key", key.fingerprint);
    expect(result.code).toBe(1);
    expect(marks(result.stdout)).toEqual([
      ["FAIL", "hash"],
      ["PASS", "sign-off"],
      ["PASS", "key"],
      ["PASS", "seal"],
    ]);
    expect(result.stdout).toContain("NOT VERIFIED");
  }, 30_000);

  it("fails an export whose civil-society signature was removed", async () => {
    const exported = JSON.parse(exportText);
    exported.version.signatures = exported.version.signatures.filter(
      (s: { sector: string }) => s.sector !== "civil_society",
    );
    const result = await verify("unsigned.json", JSON.stringify(exported, null, 2), "--key", key.fingerprint);
    expect(result.code).toBe(1);
    expect(marks(result.stdout)).toEqual([
      ["PASS", "hash"],
      ["FAIL", "sign-off"],
      ["PASS", "key"],
      ["FAIL", "seal"],
    ]);
  }, 30_000);

  it("fails against the wrong key, and a copy resealed with another key", async () => {
    const other = generateKeyPairSync("ed25519");
    const wrong = await verify("wrong-key.json", exportText, "--key", publicKeyFingerprint(other.publicKey));
    expect(wrong.code).toBe(1);
    expect(marks(wrong.stdout)).toEqual([
      ["PASS", "hash"],
      ["PASS", "sign-off"],
      ["FAIL", "key"],
      ["PASS", "seal"],
    ]);
    expect(wrong.stdout).toContain("not the one you gave");

    // A forger changes the text, rehashes it and seals it with a key of their own: the seal holds,
    // the fingerprint the municipality published does not.
    const forged = JSON.parse(exportText);
    forged.content.plan.commitments[0].title = "Title forged";
    forged.version.hash = sha256Hex(canonicalJson(forged.content));
    for (const s of forged.version.signatures) s.hash = forged.version.hash;
    forged.seal = {
      ...forged.seal,
      publicKey: other.publicKey.export({ type: "spki", format: "pem" }).toString(),
      keyFingerprint: publicKeyFingerprint(other.publicKey),
      signature: sign(null, Buffer.from(sealStatement(forged.version)), other.privateKey).toString("base64"),
    };
    const resealed = await verify("resealed.json", JSON.stringify(forged), "--key", key.fingerprint);
    expect(resealed.code).toBe(1);
    expect(marks(resealed.stdout)).toEqual([
      ["PASS", "hash"],
      ["PASS", "sign-off"],
      ["FAIL", "key"],
      ["PASS", "seal"],
    ]);
  }, 30_000);

  it("refuses what is not an export, and a --key that is neither a file nor a fingerprint", async () => {
    const notExport = await verify(
      "other.json",
      JSON.stringify({ hello: "world" }),
      "--key",
      key.fingerprint,
    );
    expect([notExport.code, marks(notExport.stdout)]).toEqual([1, [["FAIL", "format"]]]);
    const badKey = await verify("bad-key.json", exportText, "--key", "not-a-fingerprint");
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain("neither a PEM file nor a SHA-256 fingerprint");
  }, 30_000);
});
