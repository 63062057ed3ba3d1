import { randomInt } from "node:crypto";
import { CLOSE_CODES } from "@shared/closeCodes";
import { LIMITS } from "@shared/limits";
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from "y-protocols/awareness";
import * as Y from "yjs";
import { DocumentTooLarge } from "../context";
import type { StoredDocument } from "../store/documents";
import { AwarenessTooLarge, rewriteAwareness } from "./awarenessIdentity";
import { Connection } from "./Connection";
import { checkUpdate } from "./checkUpdate";
import type { GroupCommit, QueuedUpdate } from "./GroupCommit";
import {
  awarenessMessage,
  MalformedMessage,
  parseMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
} from "./protocol";
import type { DocumentRelay, RelayedFrame, RelaySubscription } from "./relay";

/** What a document uses around it. */
export interface DocumentServices {
  commits: GroupCommit;
  counts: { readerUpdatesDropped: number };
  relay: DocumentRelay;
  /** The document's subscription to the relay, taken before it was read from storage. */
  subscription: RelaySubscription;
  /** The last connection left (the registry may unload the document). */
  idle(doc: CollabDocument): void;
  /** Storing failed: the registry forgets the document, so the next socket reloads it from storage. */
  failed(doc: CollabDocument): void;
}

/** The origin of a change server code makes on behalf of a member (see `CollabDocument.change`). */
class ServerChange {
  constructor(readonly userId: string) {}
}

/**
 * The origin of what another instance stored and relayed, or what storage holds and this copy
 * missed: applied and sent to this instance's sockets, never stored again.
 */
const ALREADY_STORED = Symbol("already stored");
type Origin = Connection | ServerChange | typeof ALREADY_STORED;

/** Something waiting for the group commit to reach `mark` applied updates. */
interface CommitWaiter {
  mark: number;
  run(): void;
  /** Storing failed before the mark was reached. */
  abort?(error: Error): void;
}

/**
 * A loaded document: its Y.Doc and awareness, the sockets on it, and the protocol between them.
 *
 * The Y.Doc in memory is always what storage holds plus the updates of the pending group commit.
 * Nothing derived from an uncommitted update leaves the server: relayed updates and answers to
 * sync step 1 wait for the commit (see GroupCommit), so whatever a client has seen survives a crash.
 */
export class CollabDocument {
  /**
   * Garbage-collected, as Yjs documents are by default: a sync sends what is in the plan, not every
   * word ever deleted. Storage keeps deleted text for the record (snapshots fold the stored log, see
   * snapshot.ts), so this copy never writes a snapshot of its own.
   */
  readonly ydoc = new Y.Doc();
  readonly awareness = new Awareness(this.ydoc);
  /** Log rows after the snapshot, and the last seq stored: the compaction policy reads them. */
  logRows: number;
  logBytes: number;
  lastSeq: number;
  failed = false;

  private destroyed = false;
  private readonly connections = new Set<Connection>();
  private readonly awarenessOwners = new Map<number, Connection>();
  /** Updates applied and committed so far; a reply waits until `committedCount` reaches its mark. */
  private appliedCount = 0;
  private committedCount = 0;
  private readonly waiting: CommitWaiter[] = [];
  /**
   * The client id of each member's server changes, made on copies: one clock per member for all of
   * them, not a new id each, and never one id for two members (ids are bound to one author).
   * Not the live document's own id, which Yjs replaces when an update it did not make uses it.
   */
  private readonly serverClientIds = new Map<string, number>();
  /** Who each client id belongs to: loaded from storage, extended as ids are first used. */
  private readonly authors: Map<number, string>;
  /** Client ids the update being applied uses first; `applied` hands them to the group commit. */
  private firstUsed: number[] = [];
  /** An upper bound of the encoded size, made exact when it nears the limit. */
  private sizeEstimate: number;

  /**
   * Builds the document from storage. Throws when the stored bytes do not make a whole document
   * (they do not decode, or leave structs Yjs cannot place): the caller then serves nothing and
   * writes nothing, so a broken load never overwrites what is stored.
   */
  constructor(
    readonly name: string,
    stored: StoredDocument,
    private readonly services: DocumentServices,
  ) {
    try {
      Y.transact(this.ydoc, () => {
        if (stored.snapshot) Y.applyUpdate(this.ydoc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(this.ydoc, update);
      });
      if (this.ydoc.store.pendingStructs || this.ydoc.store.pendingDs) {
        throw new Error(`stored document ${name} is incomplete`);
      }
    } catch (error) {
      this.ydoc.destroy();
      throw error;
    }
    this.authors = stored.clients;
    this.logRows = stored.updates.length;
    this.logBytes = stored.logBytes;
    this.lastSeq = stored.lastSeq;
    this.sizeEstimate = (stored.snapshot?.byteLength ?? 0) + stored.logBytes;
    // The server shows no presence of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on("update", (update: Uint8Array, origin: Origin) => this.applied(update, origin));
    this.awareness.on("update", this.awarenessChanged);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Adds an authorized socket: sends our state vector and who is here, then reads its frames. */
  join(conn: Connection): void {
    this.connections.add(conn);
    conn.onClose(() => this.leave(conn));
    conn.send(syncStep1Message(this.ydoc));
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) conn.send(awarenessMessage(encodeAwarenessUpdate(this.awareness, present)));
    conn.receive((frame) => this.receive(conn, frame));
  }

  /**
   * Runs `edit` in one transaction on behalf of `userId` and applies its update as if that member
   * had sent it: it is group-committed under their id, then relayed to every socket. Resolves with
   * what `edit` returned once the change is stored; rejects when storing fails (the document then
   * reloads from storage, without it). `edit` runs on a copy, so nothing is applied when it throws
   * or when its update would take the document past LIMITS.maxDocumentBytes (`DocumentTooLarge`).
   */
  async change<T>(userId: string, edit: (doc: Y.Doc) => T): Promise<T> {
    const clientId = this.serverClientIdOf(userId);
    const { result, update } = this.tryOnCopy(edit, clientId);
    if (update) {
      if (!this.fits(update)) throw new DocumentTooLarge(this.name);
      this.firstUsed = this.authors.has(clientId) ? [] : [clientId];
      this.authors.set(clientId, userId);
      try {
        Y.applyUpdate(this.ydoc, update, new ServerChange(userId));
      } finally {
        this.firstUsed = [];
      }
    }
    return new Promise((resolve, reject) => this.afterCommit(() => resolve(result), reject));
  }

  /**
   * Runs `edit` in one transaction on a copy of the document (Yjs cannot take a transaction back):
   * what it returned, and its update, null when it changed nothing.
   */
  private tryOnCopy<T>(edit: (doc: Y.Doc) => T, clientId: number): { result: T; update: Uint8Array | null } {
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.ydoc));
      copy.clientID = clientId;
      const updates: Uint8Array[] = [];
      copy.on("update", (update: Uint8Array) => updates.push(update));
      const result = copy.transact(() => edit(copy));
      return { result, update: updates[0] ?? null };
    } finally {
      copy.destroy();
    }
  }

  /** The client id of `userId`'s server changes on this copy of the document: fresh, bound to no one. */
  private serverClientIdOf(userId: string): number {
    let id = this.serverClientIds.get(userId);
    while (id === undefined || (this.authors.has(id) && this.authors.get(id) !== userId)) {
      id = randomInt(2 ** 32);
      if (this.ydoc.store.clients.has(id)) id = undefined;
    }
    this.serverClientIds.set(userId, id);
    return id;
  }

  /**
   * The client ids whose new items an update carries (`to`: each client's clock after its last
   * struct in it) and that `userId` uses for the first time, or null when one of them is someone
   * else's: bound to another member, or already in the document without a binding (written before
   * bindings were recorded), so nobody can claim it now.
   */
  private claimClients(to: Map<number, number>, userId: string): number[] | null {
    const first: number[] = [];
    for (const [client, clock] of to) {
      const known = Y.getState(this.ydoc.store, client);
      if (clock <= known) continue;
      const author = this.authors.get(client);
      if (author === userId) continue;
      if (author !== undefined || known > 0) return null;
      first.push(client);
    }
    return first;
  }

  /** Called by the group commit once `updates` (this document's, in order) are stored. */
  committed(updates: QueuedUpdate[], lastSeq: number): void {
    this.committedCount += updates.length;
    this.lastSeq = lastSeq;
    this.logRows += updates.length;
    // Several updates in one commit (the server fell behind, or a client sent a burst): each socket
    // gets all of them in one write, so catching up costs one system call per socket, not one per frame.
    const held = updates.length > 1 ? [...this.connections] : [];
    for (const conn of held) conn.hold();
    try {
      for (const { update, connectionId, userId, clients } of updates) {
        this.logBytes += update.byteLength;
        this.services.relay.publish(this.name, {
          kind: "update",
          frame: updateMessage(update),
          origin: connectionId,
          author: { userId, clients },
        });
      }
      while (this.waiting[0] && this.waiting[0].mark <= this.committedCount) this.waiting.shift()?.run();
    } finally {
      // Whatever threw above, a held socket must not stay silent for good.
      for (const conn of held) conn.flush();
    }
  }

  /**
   * Called by the group commit once the log is folded into a snapshot. The size estimate stays as
   * it is: the snapshot lacks whatever was applied while it was being made (still queued, or
   * arriving from another instance), so taking its size would make the estimate too low and let
   * the document pass LIMITS.maxDocumentBytes. `fits` makes the estimate exact near the limit.
   */
  compacted(): void {
    this.logRows = 0;
    this.logBytes = 0;
  }

  /**
   * Storing this document's updates failed, so memory is ahead of storage. Its sockets are closed
   * with a code clients retry; they reconnect to a copy reloaded from storage and resend what it lacks.
   */
  fail(): void {
    this.failed = true;
    this.services.failed(this);
    for (const waiter of this.waiting.splice(0)) waiter.abort?.(new Error(`storing ${this.name} failed`));
    for (const conn of this.connections) conn.close(CLOSE_CODES.unavailable, "the document must reload");
    this.destroy();
  }

  /** Frees the document (once, whoever asks first); it must have no connections left. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.services.subscription.unsubscribe();
    this.ydoc.destroy();
  }

  private leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    // Claims go even for ids that never got a state (the socket was cut off mid-message).
    const clientIds = [...conn.awarenessClients];
    for (const clientId of clientIds) this.awarenessOwners.delete(clientId);
    conn.awarenessClients.clear();
    removeAwarenessStates(this.awareness, clientIds, conn);
    if (this.connections.size === 0 && !this.failed) this.services.idle(this);
  }

  private receive(conn: Connection, frame: Uint8Array): void {
    let message: ReturnType<typeof parseMessage>;
    try {
      message = parseMessage(frame);
    } catch (error) {
      conn.close(CLOSE_CODES.malformed, (error as MalformedMessage).message);
      return;
    }
    switch (message.type) {
      case "syncStep1":
        this.answerSyncStep1(conn, message.stateVector);
        return;
      case "syncStep2":
      case "update":
        if (conn.access.canWrite) this.applyFromClient(conn, message.update, message.type === "update");
        // A reader's edits are dropped here: never applied, relayed or stored.
        else this.services.counts.readerUpdatesDropped++;
        return;
      case "awareness":
        this.applyAwareness(conn, message.update);
        return;
      case "queryAwareness":
        conn.send(
          awarenessMessage(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])),
        );
        return;
    }
  }

  private answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    try {
      Y.decodeStateVector(stateVector);
    } catch {
      conn.close(CLOSE_CODES.malformed, "the state vector does not decode");
      return;
    }
    if (conn.pendingReplies >= LIMITS.maxPendingRepliesPerSocket) {
      conn.close(CLOSE_CODES.tooManyQueued, "too many sync requests at once");
      return;
    }
    conn.pendingReplies++;
    // After the commit, so the answer holds only stored updates. Answers go out in request
    // order, each after everything the socket sent before it: clients rely on that to confirm edits.
    this.afterCommit(() => {
      conn.pendingReplies--;
      conn.send(syncStep2Message(this.ydoc, stateVector));
    });
  }

  private afterCommit(run: () => void, abort?: (error: Error) => void): void {
    if (this.committedCount === this.appliedCount) run();
    else this.waiting.push({ mark: this.appliedCount, run, abort });
  }

  private applyFromClient(conn: Connection, update: Uint8Array, liveUpdate: boolean): void {
    if (!this.fits(update)) {
      conn.close(CLOSE_CODES.tooLarge, "the document would exceed its maximum size");
      return;
    }
    try {
      // One decode serves both the checks and the claims (each decode allocates per struct).
      const first = this.claimClients(checkUpdate(update), conn.access.userId);
      if (first === null) {
        // Text under another member's client id would be counted as theirs: refused, nothing stored.
        conn.close(CLOSE_CODES.malformed, "the update uses another member's client id");
        return;
      }
      // Bound in `applied`, once Yjs integrates the update: parts it parks and we drop would
      // otherwise leave an id bound in memory only, and its next update stored without the binding.
      this.firstUsed = first;
      Y.applyUpdate(this.ydoc, update, conn);
    } catch (error) {
      // Whatever Yjs integrated before an exception went through `applied` like any update: it is
      // consistent document data, so it is stored and relayed; the sender is cut off.
      const reason = error instanceof MalformedMessage ? error.message : "the update could not be applied";
      conn.close(CLOSE_CODES.malformed, reason);
      return;
    } finally {
      this.firstUsed = [];
    }
    const { store } = this.ydoc;
    if (store.pendingStructs || store.pendingDs) {
      // Parts that build on something this server never received. Yjs would park them and apply
      // them whenever the gap filled, from whoever filled it. We keep memory equal to storage instead:
      // drop them, and ask the sender of a live update for the whole difference (its answer, a sync
      // step 2, is not asked again, so a client stuck with unplaceable data cannot loop).
      store.pendingStructs = null;
      store.pendingDs = null;
      if (liveUpdate) conn.send(syncStep1Message(this.ydoc));
    }
  }

  /** Whether `update` may be applied without the document passing LIMITS.maxDocumentBytes. */
  private fits(update: Uint8Array): boolean {
    if (this.sizeEstimate + update.byteLength <= LIMITS.maxDocumentBytes) return true;
    this.sizeEstimate = Y.encodeStateAsUpdate(this.ydoc).byteLength;
    return this.sizeEstimate + update.byteLength <= LIMITS.maxDocumentBytes;
  }

  private applied(update: Uint8Array, origin: Origin): void {
    this.sizeEstimate += update.byteLength;
    if (origin === ALREADY_STORED) {
      this.fanOut(updateMessage(update), null);
      return;
    }
    this.appliedCount++;
    const author =
      origin instanceof Connection
        ? { userId: origin.access.userId, connectionId: origin.id }
        : { userId: origin.userId, connectionId: null };
    // Bound with the first update that uses them; an update Yjs emits in parts binds with the first.
    const clients = this.firstUsed;
    this.firstUsed = [];
    for (const client of clients) this.authors.set(client, author.userId);
    this.services.commits.enqueue({ doc: this, update, clients, ...author });
  }

  private applyAwareness(conn: Connection, update: Uint8Array): void {
    let rewritten: Uint8Array;
    try {
      rewritten = rewriteAwareness(update, conn.access.identity, (clientId) => this.claim(conn, clientId));
    } catch (error) {
      if (error instanceof AwarenessTooLarge) conn.close(CLOSE_CODES.tooLarge, "awareness state too large");
      else conn.close(CLOSE_CODES.malformed, (error as MalformedMessage).message);
      return;
    }
    applyAwarenessUpdate(this.awareness, rewritten, conn);
  }

  /** A socket speaks for a client id no other socket holds, up to LIMITS.maxAwarenessClientsPerSocket. */
  private claim(conn: Connection, clientId: number): boolean {
    if (clientId === this.ydoc.clientID) return false;
    const owner = this.awarenessOwners.get(clientId);
    if (owner) return owner === conn;
    if (conn.awarenessClients.size >= LIMITS.maxAwarenessClientsPerSocket) return false;
    conn.awarenessClients.add(clientId);
    this.awarenessOwners.set(clientId, conn);
    return true;
  }

  private awarenessChanged = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    for (const clientId of removed) {
      this.awarenessOwners.get(clientId)?.awarenessClients.delete(clientId);
      this.awarenessOwners.delete(clientId);
    }
    const frame = awarenessMessage(encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]));
    // Presence another instance relayed goes to our sockets only; it already went everywhere else.
    if (origin === ALREADY_STORED) this.fanOut(frame, null);
    else
      this.services.relay.publish(this.name, {
        kind: "awareness",
        frame,
        origin: origin instanceof Connection ? origin.id : null,
      });
  };

  /**
   * A relayed frame: this instance's own go to the sockets as they are; another instance's are
   * applied first (their updates are stored already), so this copy, its compaction and whoever
   * joins later have them too.
   */
  deliver(relayed: RelayedFrame): void {
    if (this.destroyed) return;
    if (!relayed.remote) {
      this.fanOut(relayed.frame, relayed.origin);
      return;
    }
    let message: ReturnType<typeof parseMessage>;
    try {
      message = parseMessage(relayed.frame);
    } catch {
      return;
    }
    if (message.type === "awareness") {
      applyAwarenessUpdate(this.awareness, message.update, ALREADY_STORED);
      return;
    }
    if (message.type !== "update") return;
    if (relayed.author)
      for (const client of relayed.author.clients) this.authors.set(client, relayed.author.userId);
    Y.applyUpdate(this.ydoc, message.update, ALREADY_STORED);
  }

  /** Applies what storage holds (after frames from other instances may have been lost). */
  catchUp(stored: StoredDocument): void {
    if (this.destroyed) return;
    for (const [client, userId] of stored.clients) this.authors.set(client, userId);
    Y.transact(
      this.ydoc,
      () => {
        if (stored.snapshot) Y.applyUpdate(this.ydoc, stored.snapshot, ALREADY_STORED);
        for (const update of stored.updates) Y.applyUpdate(this.ydoc, update, ALREADY_STORED);
      },
      ALREADY_STORED,
    );
  }

  private fanOut(frame: Uint8Array, origin: string | null): void {
    for (const conn of this.connections) {
      if (conn.id !== origin) conn.send(frame);
    }
  }
}
