import { CLOSE_CODES } from "@shared/closeCodes";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from "y-indexeddb";
import { messageYjsSyncStep1, messageYjsSyncStep2, writeSyncStep1 } from "y-protocols/sync";
import { messageSync, WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/**
 * connecting: first attempt under way · syncing: socket open, the server has not yet confirmed our
 * state · synced: socket open and nothing of ours unconfirmed · offline: no socket, retrying ·
 * refused: the server closed with a 44xx code or 1009 (message too big) and we stopped.
 */
export type Connection = "connecting" | "syncing" | "synced" | "offline" | "refused";

export interface CollabStatus {
  connection: Connection;
  /** Local edits (this tab's, or left in IndexedDB by an earlier visit) the server has not confirmed. */
  unsyncedChanges: boolean;
  /** The close code and reason of a refusal (CLOSE_CODES in shared/closeCodes.ts). */
  refusal: { code: number; reason: string } | null;
  /** The device's copy (IndexedDB) has been loaded into the document. */
  localLoaded: boolean;
  /** The server's text is in the document: its stored state (`initialState`) or the socket's sync. */
  serverLoaded: boolean;
}

export interface CollabSessionOptions {
  /** e.g. ws://host/collab; the provider appends `/<docName>`. */
  serverUrl: string;
  docName: string;
  /** Only writers' edits are tracked and confirmed: the server drops a reader's updates. */
  canWrite: boolean;
  /** IndexedDB database name, or null to keep nothing on the device (Node tests). */
  storageName: string | null;
  WebSocketPolyfill?: typeof WebSocket;
  /** Quiet time after an edit before asking the server to confirm it. */
  confirmDelayMs?: number;
  /**
   * Re-reads what the member may now do after the server closed the socket because their role or
   * sector changed (4509); the session reconnects once it settles, so the page follows the new role first.
   */
  onAccessChanged?: () => Promise<void>;
  /**
   * The document as the server stored it, fetched over HTTP while the socket connects (null when
   * unavailable): shown at once, and the socket's sync then carries only what is newer.
   */
  initialState?: Promise<Uint8Array | null>;
}

/** A probe we sent (sync step 1) and what its answer (sync step 2) will confirm. */
interface Probe {
  changes: number;
  storage: boolean;
}

const UNCONFIRMED_KEY = "unconfirmed";
/**
 * How long edits gather before they are written to the device's copy together (see `queueStore`);
 * a hidden or closing page writes at once.
 */
const STORE_DELAY_MS = 500;

/** y-indexeddb's object stores: the document's updates, and its key-value store. */
const UPDATES_STORE = "updates";
const CUSTOM_STORE = "custom";

/**
 * Whether the provider retries by itself after the server closed the socket: not after a refusal
 * (44xx, or 1009 — the same too-large frame would only be refused again), nor after 4509, where we
 * first re-read the membership (see `onAccessChanged`).
 */
function retriesAfter(event: CloseEvent): boolean {
  const refused = (event.code >= 4400 && event.code < 4500) || event.code === CLOSE_CODES.messageTooBig;
  return !refused && event.code !== CLOSE_CODES.accessChanged;
}

/**
 * Owns one Yjs document's lifetime: the Y.Doc, IndexedDB persistence, the WebsocketProvider and an
 * honest sync status.
 *
 * The y-websocket protocol has no acknowledgements, so confirmation is built from its ordering: the
 * server answers each sync step 1 with a step 2, in order, after handling everything sent before it
 * on that socket. Once the server's own step 1 has been answered (our step 2 carries every local
 * structure *and* deletion it lacks; later edits go out as they happen), a step 1 we send confirms
 * every edit made before it. Counting edits, not comparing state vectors, because a deletion does
 * not advance the state vector. How many edits IndexedDB holds unconfirmed is stored beside them,
 * so a reload while offline still says so.
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** The IndexedDB database holding the device's copy, or null. */
  readonly storageName: string | null;
  private readonly storage: IndexeddbPersistence | null;
  /** Closed early because another tab deletes the database (sign-out); the session goes on without it. */
  private storageClosed = false;
  private readonly canWrite: boolean;
  private readonly confirmDelayMs: number;
  private readonly onAccessChanged: (() => Promise<void>) | undefined;
  private readonly listeners = new Set<() => void>();
  private status: CollabStatus;

  private localChanges = 0;
  private confirmedChanges = 0;
  /** How many edits an earlier visit left in IndexedDB that the server never confirmed. */
  private storedUnconfirmed = 0;
  /** The count last written beside the stored updates. */
  private storedCount = 0;
  /** The server's step 1 on this socket has been answered, so probes now confirm everything before them. */
  private handshaken = false;
  /** Replies (step 2) we await, oldest first; null for the provider's own step 1 sent on open. */
  private awaitedReplies: (Probe | null)[] = [];
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Status fields other than connection and unsyncedChanges changed since listeners last heard. */
  private notifyPending = false;
  private destroyed = false;
  /** Updates not yet written to IndexedDB, and the unconfirmed count to write beside them. */
  private unstored: Uint8Array[] = [];
  private countToStore: number | null = null;
  private storeScheduled = false;

  constructor(options: CollabSessionOptions) {
    this.canWrite = options.canWrite;
    this.confirmDelayMs = options.confirmDelayMs ?? 400;
    this.onAccessChanged = options.onAccessChanged;
    this.status = {
      connection: "connecting",
      unsyncedChanges: false,
      refusal: null,
      localLoaded: options.storageName === null,
      serverLoaded: false,
    };
    this.storageName = options.storageName;
    this.storage = options.storageName ? new IndexeddbPersistence(options.storageName, this.doc) : null;
    if (this.storage) {
      // y-indexeddb writes every update in its own IndexedDB transaction, on the keystroke's (or
      // the co-author's update's) task; they are written together a moment later instead.
      this.doc.off("update", this.storage._storeUpdate);
      this.doc.on("update", this.queueStore);
      if (typeof window !== "undefined") {
        window.addEventListener("pagehide", this.storeNow);
        document.addEventListener("visibilitychange", this.storeNow);
      }
    }
    // Without this, a sign-out in another tab could not delete the database while we hold it open.
    void this.storage?._db.then((db) => db.addEventListener("versionchange", this.closeStorage));
    // Count edits before the provider exists, so IndexedDB's loaded updates are told apart from them.
    this.doc.on("update", this.onDocUpdate);
    this.provider = new WebsocketProvider(options.serverUrl, options.docName, this.doc, {
      // Tabs sync through the server only: an edit relayed from another tab is not ours to confirm.
      disableBc: true,
      WebSocketPolyfill: options.WebSocketPolyfill,
      shouldReconnect: retriesAfter,
    });
    this.watchSyncMessages();
    this.provider.on("status", this.onProviderStatus);
    this.provider.on("connection-close", this.onConnectionClose);
    this.provider.on("closed", this.onClosedForGood);
    this.storage?.whenSynced.then(this.onStorageLoaded);
    this.provider.on("sync", this.onProviderSync);
    options.initialState?.then(this.onInitialState, () => undefined);
  }

  /** The current status; a new object whenever it changes (for useSyncExternalStore). */
  getStatus = (): CollabStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Drops the socket without retrying (the browser went offline), or reconnects. */
  setOnline(online: boolean): void {
    if (this.status.connection === "refused") return;
    if (online) this.provider.connect();
    else this.provider.disconnect();
    this.update();
  }

  /** Local edits the server has not confirmed: this tab's, plus those an earlier visit left stored. */
  unsyncedChanges(): number {
    return this.storedUnconfirmed + Math.max(0, this.localChanges - this.confirmedChanges);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.provider.destroy();
    this.doc.off("update", this.onDocUpdate);
    this.storeNow();
    this.doc.off("update", this.queueStore);
    if (this.storage && typeof window !== "undefined") {
      window.removeEventListener("pagehide", this.storeNow);
      document.removeEventListener("visibilitychange", this.storeNow);
    }
    this.closeStorage();
    this.doc.destroy();
    this.listeners.clear();
  }

  private closeStorage = (): void => {
    if (this.storageClosed) return;
    this.storageClosed = true;
    this.unstored = [];
    this.countToStore = null;
    void this.storage?.destroy();
  };

  /** Keeps an update for the next write to the device's copy (not IndexedDB's own loaded ones). */
  private queueStore = (update: Uint8Array, origin: unknown): void => {
    if (!this.storage || this.storageClosed || origin === this.storage) return;
    this.unstored.push(update);
    this.scheduleStore();
  };

  private scheduleStore(): void {
    if (this.storeScheduled) return;
    this.storeScheduled = true;
    if (typeof requestIdleCallback === "function")
      requestIdleCallback(this.storeNow, { timeout: STORE_DELAY_MS });
    else setTimeout(this.storeNow, STORE_DELAY_MS);
  }

  /**
   * Writes the waiting updates as one, with the unconfirmed count, in one IndexedDB transaction, so
   * the count never runs ahead of the edits it counts. Also when the page is hidden or closed, so
   * nothing waits through a reload. Before the database is open the queue waits (the first load
   * writes the whole document anyway).
   */
  private storeNow = (): void => {
    this.storeScheduled = false;
    const db = this.storage?.db;
    if (!this.storage || this.storageClosed || !db) return;
    if (this.unstored.length === 0 && this.countToStore === null) return;
    const transaction = db.transaction([UPDATES_STORE, CUSTOM_STORE], "readwrite");
    const added = this.unstored.length > 0;
    if (added) transaction.objectStore(UPDATES_STORE).add(Y.mergeUpdates(this.unstored));
    if (this.countToStore !== null)
      transaction.objectStore(CUSTOM_STORE).put(this.countToStore, UNCONFIRMED_KEY);
    this.unstored = [];
    this.countToStore = null;
    // Committed now rather than once the requests' results come back: a page being closed does not
    // live to see them, and Chromium then aborts the transaction with the last words in it.
    transaction.commit();
    // y-indexeddb's own writer compacts the store once it holds this many updates; so do we.
    if (added && ++this.storage._dbsize >= PREFERRED_TRIM_SIZE) void storeState(this.storage, false);
  };

  private watchSyncMessages(): void {
    const handlers = this.provider.messageHandlers;
    const original = handlers[messageSync];
    if (!original) throw new Error("y-websocket has no sync message handler");
    handlers[messageSync] = (encoder, decoder, provider, fromServer, messageType) => {
      const syncType = decoding.peekVarUint(decoder);
      original(encoder, decoder, provider, fromServer, messageType);
      if (!fromServer) return;
      if (syncType === messageYjsSyncStep1) {
        this.handshaken = true;
        // Deferred: the provider sends its step 2 answer right after this handler returns.
        this.scheduleProbe(0);
      } else if (syncType === messageYjsSyncStep2) {
        this.onReply();
      }
    };
  }

  private onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider || (this.storage !== null && origin === this.storage)) return;
    if (!this.canWrite) return;
    this.localChanges++;
    this.update();
    this.scheduleProbe(this.confirmDelayMs);
  };

  /**
   * Applied as if the provider had received it: it is the server's own text, so it is neither
   * counted as a local edit nor sent back to the server. Once the socket has synced it holds nothing
   * newer, and is dropped.
   */
  private onInitialState = (state: Uint8Array | null): void => {
    if (!state || this.destroyed || this.provider.synced) return;
    try {
      Y.applyUpdate(this.doc, state, this.provider);
    } catch {
      // A damaged answer changes nothing the socket's sync will not bring anyway.
      return;
    }
    this.markServerLoaded();
  };

  private onProviderSync = (synced: boolean): void => {
    if (synced) this.markServerLoaded();
  };

  private markServerLoaded(): void {
    if (this.status.serverLoaded || this.destroyed) return;
    this.status = { ...this.status, serverLoaded: true };
    this.notifyPending = true;
    this.update();
  }

  private onStorageLoaded = async (): Promise<void> => {
    if (this.destroyed || this.storageClosed || !this.storage) return;
    // A count (older versions stored 1 as a flag, which reads as one change).
    const stored: unknown = await this.storage.get(UNCONFIRMED_KEY);
    const count = typeof stored === "number" && stored > 0 ? stored : 0;
    this.storedUnconfirmed = this.canWrite ? count : 0;
    this.storedCount = count;
    this.status = { ...this.status, localLoaded: true };
    this.notifyPending = true;
    this.update();
    this.scheduleProbe(0);
    if (this.unstored.length > 0) this.scheduleStore();
  };

  private onProviderStatus = ({ status }: { status: string }): void => {
    if (status === "connected") {
      this.handshaken = false;
      this.awaitedReplies = [null];
    }
    this.update();
  };

  private onConnectionClose = (): void => {
    this.handshaken = false;
    this.awaitedReplies = [];
    this.update();
  };

  /** The server closed the socket and the provider will not retry by itself (see `retriesAfter`). */
  private onClosedForGood = (event: { code: number; reason: string }): void => {
    if (event.code === CLOSE_CODES.accessChanged) {
      void this.reauthorize();
      return;
    }
    this.status = { ...this.status, refusal: { code: event.code, reason: event.reason } };
    this.notifyPending = true;
    this.update();
  };

  private async reauthorize(): Promise<void> {
    // A failed re-read still reconnects: the server authorizes the socket with the current role anyway.
    await this.onAccessChanged?.().catch(() => undefined);
    if (!this.destroyed) this.provider.connect();
  }

  private onReply(): void {
    const probe = this.awaitedReplies.shift();
    if (probe) {
      this.confirmedChanges = Math.max(this.confirmedChanges, probe.changes);
      if (probe.storage) this.storedUnconfirmed = 0;
    }
    this.update();
    if (this.hasUnconfirmed()) this.scheduleProbe(this.confirmDelayMs);
  }

  private hasUnconfirmed(): boolean {
    return this.unsyncedChanges() > 0;
  }

  /** At most one probe waits; typing does not postpone it (so "syncing" ends while one types on). */
  private scheduleProbe(delayMs: number): void {
    if (this.probeTimer && delayMs > 0) return;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      this.probe();
      // The server may answer our step 1 before it sends its own (Cocrea answers a first socket
      // from storage): then this, right after our answer to its step 1, is when we are synced.
      this.update();
    }, delayMs);
  }

  /** Sends a sync step 1 whose answer confirms every edit made so far. */
  private probe(): void {
    const ws = this.provider.ws;
    if (this.destroyed || !this.canWrite || !this.handshaken || !ws || ws.readyState !== ws.OPEN) return;
    if (!this.hasUnconfirmed() || this.awaitedReplies.some((reply) => reply !== null)) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    writeSyncStep1(encoder, this.doc);
    ws.send(encoding.toUint8Array(encoder));
    this.awaitedReplies.push({ changes: this.localChanges, storage: this.status.localLoaded });
  }

  private connection(): Connection {
    if (this.status.refusal) return "refused";
    const { provider } = this;
    if (provider.wsconnected) {
      const settled = this.handshaken && this.awaitedReplies.length === 0;
      return settled && !this.hasUnconfirmed() ? "synced" : "syncing";
    }
    const triedBefore = provider.wsUnsuccessfulReconnects > 0 || !provider.shouldConnect;
    return triedBefore ? "offline" : "connecting";
  }

  private update(): void {
    if (this.destroyed) return;
    this.persistCount(this.unsyncedChanges());
    const unsyncedChanges = this.hasUnconfirmed();
    const connection = this.connection();
    if (connection === this.status.connection && unsyncedChanges === this.status.unsyncedChanges) {
      if (!this.notifyPending) return;
    }
    this.notifyPending = false;
    this.status = { ...this.status, connection, unsyncedChanges };
    for (const listener of this.listeners) listener();
  }

  /**
   * Keeps the number of unconfirmed edits beside the stored updates, once the stored copy has been
   * read, so a reload (or a sign-out with the document closed) can still tell.
   */
  private persistCount(count: number): void {
    if (!this.storage || this.storageClosed || !this.status.localLoaded || count === this.storedCount) return;
    this.storedCount = count;
    this.countToStore = count;
    this.scheduleStore();
  }
}
