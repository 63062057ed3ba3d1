import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { WorkspaceEvent } from "@shared/events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore, type Store } from "../store";
import { type Db, openDb } from "../store/db";
import { SqliteSql } from "../store/sqliteSql";
import { commitWithEvents } from "./commit";
import { createInProcessRelay, type EventRelay } from "./relay";

let dir: string;
let db: Db;
let store: Store;
let relay: EventRelay;
let published: WorkspaceEvent[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-commit-"));
  db = openDb(path.join(dir, "test.db"));
  store = createStore(new SqliteSql(db));
  relay = createInProcessRelay();
  published = [];
  relay.subscribe("w1", { event: (e) => published.push(e), closed: () => {} });
  await store.users.insert({
    id: "u1",
    email: "u1@example.org",
    name: "U",
    passwordHash: "x",
    locale: null,
    createdAt: 0,
  });
  await store.workspaces.insert({
    id: "w1",
    slug: "w1",
    name: "W",
    jurisdiction: "J",
    country: null,
    periodStart: null,
    periodEnd: null,
    defaultLocale: "en",
    maxCommitments: 5,
    createdBy: "u1",
    createdAt: 0,
  });
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const eventRows = () => db.prepare("SELECT count(*) FROM events").pluck().get();

/** The change the tests commit: user u1 becomes facilitator of w1. */
const addFacilitator = async (tx: Store, now: number) =>
  tx.memberships.insert({
    workspaceId: "w1",
    userId: "u1",
    role: "facilitator",
    sector: "government",
    organization: null,
    joinedAt: now,
  });

describe("commitWithEvents", () => {
  it("stores the change and its event together and publishes the event after the commit", async () => {
    await commitWithEvents({ store, relay }, async (tx, emit, now) => {
      await addFacilitator(tx, now);
      emit("w1", "u1", "member.removed", { userId: "u1", left: true });
      expect(published).toEqual([]);
    });
    expect(eventRows()).toBe(1);
    expect(published.map((e) => e.type)).toEqual(["member.removed"]);
  });

  it("rolls back the change and its event together, and publishes nothing, when the work throws", async () => {
    await expect(
      commitWithEvents({ store, relay }, async (tx, emit, now) => {
        await addFacilitator(tx, now);
        emit("w1", "u1", "invitation.revoked", { invitationId: "i1" });
        throw new Error("refused halfway");
      }),
    ).rejects.toThrow("refused halfway");
    expect(eventRows()).toBe(0);
    expect(await store.memberships.get("w1", "u1")).toBeNull();
    expect(published).toEqual([]);
  });

  it("keeps the log append-only", async () => {
    await commitWithEvents({ store, relay }, async (_tx, emit) =>
      emit("w1", null, "invitation.revoked", { invitationId: "i1" }),
    );
    expect(() => db.prepare("UPDATE events SET type = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM events").run()).toThrow(/append-only/);
  });
});
