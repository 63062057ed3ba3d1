import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { createLog } from "../ops/log";
import { RedisLink } from "../redis/link";
import type { Database } from "../store/database";
import type { DocumentStore } from "../store/documents";
import { describeWithRedis, type RedisServer, startRedisServer } from "../test/redisServer";
import { sqlValue } from "../test/storage";
import { openTestDatabase } from "../test/testStore";
import { withSharedCompaction } from "./sharedCompaction";
import { logRowCount, storedDoc } from "./test/stored";

describeWithRedis("withSharedCompaction", () => {
  let redis: RedisServer;
  let link: RedisLink;
  let dir: string;
  let database: Database;
  let store: DocumentStore;
  beforeAll(async () => {
    redis = await startRedisServer();
    link = new RedisLink(redis.url, { log: createLog("silent"), countError: () => {} });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-compaction-"));
    database = await openTestDatabase(dir);
    // Documents of members who exist only as ids: compaction reads the log, nothing else.
    database.sqlite?.pragma("foreign_keys = OFF");
    store = database.documentStore;
  });
  afterAll(async () => {
    link.close();
    await database.close();
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Three updates stored in turn; `behind` is a copy that has applied only the first two. */
  const storeThree = async (docName: string) => {
    const writer = new Y.Doc();
    const behind = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on("update", (update: Uint8Array) => updates.push(update));
    for (const word of ["one ", "two ", "three"])
      writer.getText("t").insert(writer.getText("t").length, word);
    await store.append(updates.map((update) => ({ docName, userId: "u", update })));
    for (const update of updates.slice(0, 2)) Y.applyUpdate(behind, update);
    // The third row's seq: seqs count per database, not per document.
    const lastSeq = await sqlValue<number>(
      database,
      "SELECT max(seq) FROM doc_log JOIN doc_names ON doc_names.id = doc_id WHERE name = ?",
      [docName],
    );
    return { state: Y.encodeStateAsUpdate(behind), lastSeq };
  };

  it("keeps a stored update the compacting copy has not applied yet (still crossing Redis)", async () => {
    const { state, lastSeq } = await storeThree("doc-behind");
    await withSharedCompaction(store, link).compact("doc-behind", state, lastSeq);
    expect(await logRowCount(database, "doc-behind")).toBe(0);
    expect((await storedDoc({ documentStore: store }, "doc-behind")).getText("t").toString()).toBe(
      "one two three",
    );

    // What a plain compaction would have done with the same copy: the third update is gone.
    const { state: again, lastSeq: plainSeq } = await storeThree("doc-plain");
    await store.compact("doc-plain", again, plainSeq);
    expect((await storedDoc({ documentStore: store }, "doc-plain")).getText("t").toString()).toBe("one two ");
  });

  it("leaves the log alone while another instance holds the document's compaction lock", async () => {
    const { state, lastSeq } = await storeThree("doc-locked");
    await link.commands.set("cocrea:compacting:doc-locked", "another instance", "PX", 10_000);
    await withSharedCompaction(store, link).compact("doc-locked", state, lastSeq);
    expect(await logRowCount(database, "doc-locked")).toBe(3);
    await link.commands.del("cocrea:compacting:doc-locked");
    await withSharedCompaction(store, link).compact("doc-locked", state, lastSeq);
    expect(await logRowCount(database, "doc-locked")).toBe(0);
    expect(await link.commands.exists("cocrea:compacting:doc-locked")).toBe(0);
  });
});
