import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { addCommitment, listCommitments, planDocName } from "@shared/plan";
import { afterAll, expect, it } from "vitest";
import { connectProvider, type ProviderClient, waitFor } from "../collab/test/clients";
import { seededRandom } from "../collab/test/frames";
import { type ServerProcess, startServerProcess } from "../collab/test/serverProcess";
import { contains, keepTyping } from "../collab/test/typing";
import { loadSigningKey } from "../seal/signingKey";
import { openDb } from "../store/db";
import { createUser, createWorkspace, joinAs } from "../test/factories";
import type { TestServer } from "../test/startTestServer";
import { describeOnSqliteOnly } from "../test/storage";
import { databaseFile } from "./backup";
import { run } from "./test/run";

const npm = (script: "backup" | "restore", file: string, dataDir: string) =>
  run("npm", ["run", "--silent", script, "--", file], { COCREA_DATA_DIR: dataDir });

describeOnSqliteOnly(
  "npm run backup and restore copy the embedded SQLite database; PostgreSQL is backed up with its own tools (README)",
  "npm run backup / npm run restore",
  () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-backup-"));
    const live = path.join(root, "live");
    const restored = path.join(root, "restored");
    const file = path.join(root, "cocrea-backup.db");
    let server: ServerProcess | null = null;
    const clients: ProviderClient[] = [];
    afterAll(async () => {
      for (const client of clients) client.destroy();
      await server?.kill("SIGKILL");
      fs.rmSync(root, { recursive: true, force: true });
    });

    it("refuses with COCREA_DATABASE_URL set, naming PostgreSQL's own tools, and writes nothing", async () => {
      const target = path.join(root, "from-postgres.db");
      for (const script of ["backup", "restore"] as const) {
        const result = await run("npm", ["run", "--silent", script, "--", target], {
          COCREA_DATA_DIR: path.join(root, "postgres-instance"),
          COCREA_DATABASE_URL: "postgres://cocrea@127.0.0.1:1/cocrea",
        });
        expect(result.code, script).toBe(1);
        expect(result.stderr).toMatch(/COCREA_DATABASE_URL is set.*pg_dump/);
      }
      expect(fs.existsSync(target)).toBe(false);
      expect(fs.existsSync(path.join(root, "postgres-instance", "cocrea.db"))).toBe(false);
    });

    it("copies a running instance during an edit storm, and the restored copy holds every update committed before", async () => {
      const seed = Date.now() % 100_000;
      const random = seededRandom(seed);
      server = await startServerProcess(live);
      const site = server.site as TestServer;
      const facilitator = await createUser(site);
      const first = (await createWorkspace(facilitator)).id;
      const second = (await createWorkspace(facilitator, { name: "Open Shelbyville" })).id;
      const drafter = await joinAs(site, first, facilitator, "drafter");
      // Two editors per plan: a client receives only what others typed.
      const docs = [planDocName(first), planDocName(first), planDocName(second), planDocName(second)];
      clients.push(
        ...docs.map((docName, i) => connectProvider(site, docName, { as: i === 1 ? drafter : facilitator })),
      );
      await Promise.all(clients.map((client) => client.synced()));
      addCommitment((clients[0] as ProviderClient).doc, 5);
      addCommitment((clients[2] as ProviderClient).doc, 5);
      await waitFor(() => clients.every((client) => listCommitments(client.doc).length === 1));
      const stops = clients.map((client) => keepTyping(client, random));
      await sleep(600);

      // Whatever a client received was committed before it was relayed, hence before the backup began.
      const before = clients.map((client) => [...client.received]);
      const backup = await npm("backup", file, live);
      const during = clients.reduce(
        (sum, client, i) => sum + client.received.length - (before[i]?.length ?? 0),
        0,
      );
      for (const stop of stops) stop();
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(
        /^Backed up .*cocrea\.db to .*cocrea-backup\.db \(\d+\.\d MB in \d+ ms\)\.\nCopied the signing key to .*cocrea-backup\.db\.signing-key\.pem: .*\n$/,
      );
      // The edits went on while the backup ran.
      expect(during, `seed ${seed}`).toBeGreaterThan(10);
      expect(fs.readdirSync(root).filter((name) => name.endsWith(".partial"))).toEqual([]);

      // Refusals: an existing backup file is not overwritten, a data folder in use is not restored into.
      const again = await npm("backup", file, live);
      expect(again.code).toBe(1);
      expect(again.stderr).toBe(`${file} already exists; choose a new file name.\n`);
      const occupied = await npm("restore", file, live);
      expect(occupied.code).toBe(1);
      expect(occupied.stderr).toMatch(/is not empty\. Restore only into an empty data folder/);
      const notABackup = path.join(root, "notes.txt");
      fs.writeFileSync(notABackup, "not a database");
      const wrongFile = await npm("restore", notABackup, path.join(root, "elsewhere"));
      expect(wrongFile.code).toBe(1);
      expect(fs.existsSync(path.join(root, "elsewhere", "cocrea.db"))).toBe(false);

      for (const client of clients.splice(0)) client.destroy();
      await server.kill("SIGTERM");

      const restore = await npm("restore", file, restored);
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stdout).toMatch(/^Restored .* to .*restored\/cocrea\.db/);

      // The restored instance knows the same accounts and sessions, and has every committed update.
      server = await startServerProcess(restored);
      for (const [i, docName] of docs.entries()) {
        // What client i received, checked against a fresh copy of its document.
        const checker = connectProvider(server.site, docName, { as: facilitator });
        clients.push(checker);
        await checker.synced();
        const expected = before[i] ?? [];
        expect(expected.length).toBeGreaterThan(0);
        const missing = expected.filter((update) => !contains(checker.doc, update)).length;
        expect(missing, `${missing} of ${expected.length} updates of ${docName} missing (seed ${seed})`).toBe(
          0,
        );
      }
    }, 180_000);
  },
);

describeOnSqliteOnly(
  "npm run backup and restore copy the embedded SQLite database; PostgreSQL is backed up with its own tools (README)",
  "the signing key in a backup",
  () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-backup-key-"));
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it("travels with the backup, readable by its owner only, and comes back on restore", async () => {
      const live = path.join(root, "live");
      openDb(databaseFile(live)).close();
      const key = loadSigningKey(path.join(live, "signing-key.pem"));
      const file = path.join(root, "with-key.db");
      const backup = await npm("backup", file, live);
      expect(backup.code, backup.stderr).toBe(0);
      const copy = `${file}.signing-key.pem`;
      expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(copy)).toEqual(fs.readFileSync(path.join(live, "signing-key.pem")));

      // A data folder whose configured key is another one is not restored into.
      const elsewhere = path.join(root, "other-key.pem");
      loadSigningKey(elsewhere);
      const refused = await run("npm", ["run", "--silent", "restore", "--", file], {
        COCREA_DATA_DIR: path.join(root, "refused"),
        COCREA_SIGNING_KEY_FILE: elsewhere,
      });
      expect([refused.code, refused.stderr]).toEqual([
        1,
        `${elsewhere} holds another signing key than the backup's (${copy}); move it aside first.\n`,
      ]);
      expect(fs.existsSync(path.join(root, "refused", "cocrea.db"))).toBe(false);

      const restored = path.join(root, "restored");
      const restore = await npm("restore", file, restored);
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stdout).toContain(`The signing key is at ${path.join(restored, "signing-key.pem")}.`);
      const back = path.join(restored, "signing-key.pem");
      expect(fs.statSync(back).mode & 0o777).toBe(0o600);
      expect(loadSigningKey(back).fingerprint).toBe(key.fingerprint);
    }, 60_000);
  },
);
