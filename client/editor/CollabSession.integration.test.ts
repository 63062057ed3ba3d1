import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLOSE_CODES } from "@shared/closeCodes";
import { LIMITS } from "@shared/limits";
import { addCommitment, listCommitments, planDocName, planToJson } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { CollabSession, type CollabStatus } from "./CollabSession";

/**
 * The session against the real Cocrea server, run as a child process and used only through its
 * public surface (REST and /collab), the way the browser uses it: the client never imports server code.
 */
class ServerProcess {
  private child: ChildProcess | null = null;
  url = "";

  constructor(readonly dataDir: string) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
      env: {
        ...process.env,
        PORT: "0",
        HOST: "127.0.0.1",
        COCREA_DATA_DIR: this.dataDir,
        COCREA_SKIP_CLIENT: "1",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
      child.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
  }

  /** SIGKILL: no shutdown handler runs, so only what was already stored survives. */
  async crash(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGKILL");
    });
  }
}

/** A browser-like account: signs up, keeps its session cookie. */
class Account {
  cookie = "";
  id = "";

  constructor(
    private readonly server: ServerProcess,
    readonly name: string,
  ) {}

  async call<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const response = await fetch(this.server.url + pathname, {
      method,
      headers: { "Content-Type": "application/json", Origin: this.server.url, Cookie: this.cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0] ?? "";
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  signUp = async () => {
    const { user } = await this.call<{ user: { id: string } }>("POST", "/api/auth/signup", {
      name: this.name,
      email: `${this.name.toLowerCase()}.${Math.random().toString(36).slice(2)}@example.org`,
      password: "correct horse battery staple",
    });
    this.id = user.id;
  };

  /** A session on `docName` that sends this account's cookie and the site's Origin, as a page would. */
  open(docName: string, canWrite: boolean, onAccessChanged?: () => Promise<void>): CollabSession {
    const headers = { Cookie: this.cookie, Origin: this.server.url };
    class BrowserLikeSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers });
      }
    }
    const session = new CollabSession({
      serverUrl: `${this.server.url.replace(/^http/, "ws")}/collab`,
      docName,
      canWrite,
      storageName: null,
      WebSocketPolyfill: BrowserLikeSocket as unknown as typeof globalThis.WebSocket,
      confirmDelayMs: 10,
      onAccessChanged,
    });
    sessions.push(session);
    return session;
  }
}

let server: ServerProcess;
const sessions: CollabSession[] = [];
let facilitator: Account;
let viewer: Account;
let outsider: Account;
let workspaceId: string;
let docName: string;

const waitFor = (session: CollabSession, predicate: (status: CollabStatus) => boolean) =>
  vi.waitFor(() => expect(predicate(session.getStatus())).toBe(true), { timeout: 15_000, interval: 5 });
const settled = (status: CollabStatus) => status.connection === "synced" && !status.unsyncedChanges;

beforeAll(async () => {
  server = new ServerProcess(fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-session-")));
  await server.start();
  facilitator = new Account(server, "Fatima");
  viewer = new Account(server, "Victor");
  outsider = new Account(server, "Olga");
  await Promise.all([facilitator.signUp(), viewer.signUp(), outsider.signUp()]);
  const { workspace } = await facilitator.call<{ workspace: { id: string } }>("POST", "/api/workspaces", {
    name: "Villa Esperanza",
    jurisdiction: "Villa Esperanza",
  });
  const { invitation } = await facilitator.call<{ invitation: { token: string } }>(
    "POST",
    `/api/workspaces/${workspace.id}/invitations`,
    { role: "viewer", sector: "citizen" },
  );
  await viewer.call("POST", `/api/invitations/${invitation.token}/accept`, {});
  workspaceId = workspace.id;
  docName = planDocName(workspace.id);
}, 60_000);

afterAll(async () => {
  for (const session of sessions) session.destroy();
  await server.crash();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe("CollabSession against the Cocrea server", () => {
  it("says saved only when the server has stored the edit: a crash right after loses nothing", async () => {
    let expected = "";
    for (const edit of ["Open contracting", " portal", "DELETE"]) {
      const session = facilitator.open(docName, true);
      await waitFor(session, settled);
      const title =
        listCommitments(session.doc)[0]?.text("title") ?? addCommitment(session.doc, 5)?.text("title");
      if (edit === "DELETE") {
        title?.delete(0, 5); // a deletion alone: the state vector does not move
        expected = expected.slice(5);
      } else {
        title?.insert(title.length, edit);
        expected += edit;
      }
      expect(session.getStatus().unsyncedChanges).toBe(true);
      await waitFor(session, settled);
      await server.crash();
      session.destroy();
      await server.start();
      const reader = facilitator.open(docName, true);
      await waitFor(reader, settled);
      expect(planToJson(reader.doc).commitments[0]?.title).toBe(expected);
      reader.destroy();
    }
    expect(expected).toBe("contracting portal");
  }, 90_000);

  it("follows a writer live as a reader and never claims unsynced changes", async () => {
    const writer = facilitator.open(docName, true);
    const reader = viewer.open(docName, false);
    await Promise.all([waitFor(writer, settled), waitFor(reader, settled)]);
    listCommitments(writer.doc)[0]?.text("title")?.insert(0, "Open ");
    await vi.waitFor(() => expect(planToJson(reader.doc).commitments[0]?.title).toMatch(/^Open /));
    expect(reader.getStatus()).toMatchObject({ connection: "synced", unsyncedChanges: false });
  });

  it("stops and reports the close code when the server refuses the socket", async () => {
    const notMember = outsider.open(docName, true);
    const signedOut = new Account(server, "Nobody").open(docName, true);
    await waitFor(notMember, (s) => s.connection === "refused");
    await waitFor(signedOut, (s) => s.connection === "refused");
    expect(notMember.getStatus().refusal?.code).toBe(CLOSE_CODES.forbidden);
    expect(signedOut.getStatus().refusal?.code).toBe(CLOSE_CODES.notSignedIn);
  });

  it("stops instead of resending forever when a change is over the server's message limit (1009)", async () => {
    const session = facilitator.open(docName, true);
    await waitFor(session, settled);
    listCommitments(session.doc)[0]
      ?.text("budget")
      ?.insert(0, "x".repeat(LIMITS.maxCollabMessageBytes + 1));
    await waitFor(session, (s) => s.connection === "refused");
    expect(session.getStatus()).toMatchObject({
      refusal: { code: CLOSE_CODES.messageTooBig },
      unsyncedChanges: true,
    });
    expect(session.provider.shouldConnect).toBe(false);
  });

  it("re-reads the membership when the role changes (4509) and only then reconnects", async () => {
    const promoted = new Account(server, "Paula");
    await promoted.signUp();
    const { invitation } = await facilitator.call<{ invitation: { token: string } }>(
      "POST",
      `/api/workspaces/${workspaceId}/invitations`,
      { role: "viewer", sector: "citizen" },
    );
    await promoted.call("POST", `/api/invitations/${invitation.token}/accept`, {});
    let membershipRead: () => void = () => {};
    const reread = vi.fn(() => new Promise<void>((resolve) => (membershipRead = resolve)));
    const session = promoted.open(docName, false, reread);
    await waitFor(session, settled);

    await facilitator.call("PATCH", `/api/workspaces/${workspaceId}/members/${promoted.id}`, {
      role: "drafter",
    });
    await vi.waitFor(() => expect(reread).toHaveBeenCalledOnce(), { timeout: 15_000 });
    // Waiting for the membership: not refused, and no socket opened meanwhile.
    expect(session.getStatus().refusal).toBeNull();
    expect([session.provider.ws, session.provider.shouldConnect]).toEqual([null, false]);

    membershipRead();
    await waitFor(session, settled);
    expect(reread).toHaveBeenCalledOnce();
  });
});
