import * as Y from "yjs";
import type { DocumentStore, StoredDocument } from "../store/documents";
import { answerFromStorage } from "./answerFromStorage";
import { CollabDocument } from "./CollabDocument";
import type { Connection } from "./Connection";
import type { GroupCommit } from "./GroupCommit";
import { updateMessage } from "./protocol";
import type { DocumentRelay, RelayedFrame } from "./relay";

/**
 * How long a load whose first answer can come from storage waits for its sockets' first frames
 * before building the document (see `load`). A stock y-websocket client sends sync step 1 as soon
 * as the socket opens, so this is about one round trip; a socket that says nothing costs its
 * document's load at most this.
 */
const FIRST_FRAME_WAIT_MS = 100;

type Entry =
  | { state: "loading"; loaded: Promise<CollabDocument> }
  | { state: "ready"; doc: CollabDocument }
  | { state: "unloading"; unloaded: Promise<void> };

/**
 * The loaded documents. Each is loaded once however many sockets ask for it at the same moment
 * (they share one loading promise), served only once loaded, and unloaded — after its log is
 * written and compacted — when nobody has it open. A socket asking for a document that is
 * unloading waits for the unload to finish and gets a fresh load of what it stored.
 */
export class DocumentRegistry {
  readonly counts = { loads: 0, loadFailures: 0, answeredFromStorage: 0, readerUpdatesDropped: 0 };
  private readonly entries = new Map<string, Entry>();
  /**
   * Sockets waiting for a load and server-side changes under way, per document: a document is not
   * unloaded under them.
   */
  private readonly holds = new Map<string, number>();
  /** Sockets waiting for their document to load: the first may be answered from storage. */
  private readonly waiting = new Map<string, Set<Connection>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly commits: GroupCommit,
    private readonly relay: DocumentRelay,
    /** Told when catching up from storage failed (logged; the next lost connection tries again). */
    private readonly onError: (error: unknown, docName: string) => void = () => {},
  ) {}

  /** Documents in memory: loading, loaded or unloading. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Puts an authorized socket on its document, loading the document if needed. Rejects when the
   * load fails; the caller closes the socket and nothing is stored.
   */
  async attach(docName: string, conn: Connection): Promise<void> {
    this.hold(docName);
    const waiting = this.waiting.get(docName) ?? new Set<Connection>();
    this.waiting.set(docName, waiting);
    waiting.add(conn);
    let doc: CollabDocument;
    try {
      doc = await this.open(docName);
    } finally {
      this.release(docName);
      waiting.delete(conn);
      if (waiting.size === 0 && this.waiting.get(docName) === waiting) this.waiting.delete(docName);
    }
    if (conn.isOpen) doc.join(conn);
    else this.unloadIfIdle(doc);
  }

  /**
   * Applies a server-side change to `docName` (see `CollabDocument.change`), loading the document
   * if needed and unloading it afterwards when nobody has it open. Rejects, storing nothing, when
   * the load fails.
   */
  async change<T>(docName: string, userId: string, edit: (doc: Y.Doc) => T): Promise<T> {
    this.hold(docName);
    let doc: CollabDocument | null = null;
    try {
      doc = await this.open(docName);
      return await doc.change(userId, edit);
    } finally {
      this.release(docName);
      if (doc) this.unloadIfIdle(doc);
    }
  }

  /**
   * Unloads every document nobody has open and waits for loads and unloads under way. Call after
   * closing every socket: it then resolves with nothing loaded.
   */
  async drain(): Promise<void> {
    for (;;) {
      for (const entry of this.entries.values()) {
        if (entry.state === "ready") this.unloadIfIdle(entry.doc);
      }
      const underWay = [...this.entries.values()].flatMap((entry): Promise<unknown>[] =>
        entry.state === "loading" ? [entry.loaded] : entry.state === "unloading" ? [entry.unloaded] : [],
      );
      if (underWay.length === 0) return;
      await Promise.allSettled(underWay);
    }
  }

  private async open(docName: string): Promise<CollabDocument> {
    for (;;) {
      const entry = this.entries.get(docName);
      if (!entry) {
        const loaded = this.load(docName);
        this.entries.set(docName, { state: "loading", loaded });
        return loaded;
      }
      if (entry.state === "ready") return entry.doc;
      if (entry.state === "loading") return entry.loaded;
      await entry.unloaded;
    }
  }

  private async load(docName: string): Promise<CollabDocument> {
    this.counts.loads++;
    // Subscribed before reading storage, so nothing another instance stores in between is missed:
    // what arrives meanwhile is applied once the document is built (Yjs skips what it already has).
    let doc: CollabDocument | null = null;
    const early: RelayedFrame[] = [];
    const subscription = this.relay.subscribe(docName, {
      deliver: (frame) => (doc ? doc.deliver(frame) : early.push(frame)),
      missed: () => void this.catchUp(docName),
    });
    try {
      // Without Redis the document is still served to this instance's sockets; the link subscribes
      // again once Redis is back, and the document then catches up from storage (`missed`).
      await subscription.ready.catch(() => {});
      const stored = await this.store.load(docName);
      if (stored.syncState && stored.updates.length === 0) await this.firstFrames(docName);
      // Sockets already asking for the whole document get it from storage (see answerFromStorage.ts),
      // before the document is built: building blocks the event loop for as long as it takes.
      const answered = early.length === 0 ? this.answerFromStorage(docName, stored) : [];
      // Written out before the build (at most FIRST_FRAME_WAIT_MS): a large document's answer does
      // not fit the socket's buffer at once, and its rest would otherwise wait for the build.
      if (answered.length > 0) await atMost(FIRST_FRAME_WAIT_MS, Promise.all(answered.map((a) => a.written)));
      doc = new CollabDocument(docName, stored, {
        commits: this.commits,
        counts: this.counts,
        relay: this.relay,
        subscription,
        idle: (idle) => this.unloadIfIdle(idle),
        failed: (failed) => this.forget(failed),
      });
      if (answered.length > 0 && early.length > 0) {
        // Another instance stored updates while the answers were being written: those sockets get
        // them now, as the sockets joined to the document get them (no unstored update is here yet).
        const answeredState = Y.encodeStateVector(doc.ydoc);
        for (const frame of early.splice(0)) doc.deliver(frame);
        const missed = updateMessage(Y.encodeStateAsUpdate(doc.ydoc, answeredState));
        for (const { conn } of answered) conn.send(missed);
      }
      for (const frame of early.splice(0)) doc.deliver(frame);
      this.entries.set(docName, { state: "ready", doc });
      return doc;
    } catch (error) {
      // Nothing was created, so nothing can be written over what is stored; the next socket retries.
      subscription.unsubscribe();
      this.counts.loadFailures++;
      this.entries.delete(docName);
      throw error;
    }
  }

  /** Answers, from storage, the sockets waiting for `docName` whose first frame asks for a sync. */
  private answerFromStorage(
    docName: string,
    stored: StoredDocument,
  ): { conn: Connection; written: Promise<void> }[] {
    const answered: { conn: Connection; written: Promise<void> }[] = [];
    for (const conn of this.waiting.get(docName) ?? []) {
      const written = conn.answerFirstQueued((frame) => answerFromStorage(stored, frame));
      if (written) answered.push({ conn, written });
    }
    this.counts.answeredFromStorage += answered.length;
    return answered;
  }

  /**
   * Waits until every socket waiting for `docName` has sent its first frame or closed, at most
   * FIRST_FRAME_WAIT_MS: the load is often quicker than the round trip that brings a client's sync
   * step 1, and once the document is being built, nothing is answered until it is built.
   */
  private async firstFrames(docName: string): Promise<void> {
    const sockets = [...(this.waiting.get(docName) ?? [])];
    if (sockets.length > 0)
      await atMost(FIRST_FRAME_WAIT_MS, Promise.all(sockets.map((conn) => conn.spoken())));
  }

  /** Frames from other instances may have been lost: the loaded copy applies what storage holds. */
  private async catchUp(docName: string): Promise<void> {
    const entry = this.entries.get(docName);
    if (entry?.state !== "ready") return;
    try {
      entry.doc.catchUp(await this.store.load(docName));
    } catch (error) {
      this.onError(error, docName);
    }
  }

  private unloadIfIdle(doc: CollabDocument): void {
    const entry = this.entries.get(doc.name);
    if (entry?.state !== "ready" || entry.doc !== doc) return;
    if (doc.connectionCount > 0 || this.holds.has(doc.name)) return;
    const unloaded = this.commits
      .settle()
      .then(() => this.commits.compact(doc))
      .finally(() => {
        doc.destroy();
        if (this.entries.get(doc.name)?.state === "unloading") this.entries.delete(doc.name);
      });
    this.entries.set(doc.name, { state: "unloading", unloaded });
  }

  private hold(docName: string): void {
    this.holds.set(docName, (this.holds.get(docName) ?? 0) + 1);
  }

  private release(docName: string): void {
    const left = (this.holds.get(docName) ?? 1) - 1;
    if (left === 0) this.holds.delete(docName);
    else this.holds.set(docName, left);
  }

  private forget(doc: CollabDocument): void {
    const entry = this.entries.get(doc.name);
    if (entry?.state === "ready" && entry.doc === doc) this.entries.delete(doc.name);
  }
}

/** Resolves once `work` has, or after `ms`, whichever comes first. */
async function atMost(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work,
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
