import type { DocumentStore } from "../store/documents";
import type { CollabDocument } from "./CollabDocument";
import { foldForStorage } from "./snapshot";

/** An update Yjs integrated into a loaded document, waiting to be stored. */
export interface QueuedUpdate {
  doc: CollabDocument;
  /** The member it is stored under. */
  userId: string;
  /** The socket it came from, which does not get it back; null for a change made by the server. */
  connectionId: string | null;
  update: Uint8Array;
  /** Client ids this update uses first, bound to `userId` when it is stored. */
  clients: readonly number[];
}

/** Told what the group commit did, for the metrics and the log; the defaults do nothing. */
export interface CommitObserver {
  /** An update was queued (received). */
  received(): void;
  /** `count` updates were committed; `waitedMs` is each one's time from enqueue to commit. */
  stored(waitedMs: number[]): void;
  /** Storing or compacting failed; `docNames` are the documents concerned. */
  failed(operation: "append" | "compact", error: unknown, docNames: string[]): void;
}

const IGNORE: CommitObserver = { received: () => {}, stored: () => {}, failed: () => {} };

/** When a document's log is folded into its snapshot (also whenever the document unloads). */
export interface CompactionPolicy {
  afterUpdates: number;
  afterBytes: number;
}

/**
 * Durable before relay. Every update applied during one turn of the event loop is written in one
 * transaction (a group commit: one WAL commit for many keystrokes); only after it commits does each
 * document relay its updates and answer waiting sync requests. Writes and compactions run strictly
 * one after another, so the log's order is the order Yjs applied the updates in. While a write or a
 * compaction is in progress (a networked database answers after several turns), what arrives
 * meanwhile waits for it and is then written in one transaction, not one per turn: otherwise, with
 * commits slower than the turns, every turn would add a commit to the line and the wait would grow
 * without bound.
 */
export class GroupCommit {
  readonly counts = { commits: 0, updatesStored: 0, compactions: 0 };
  private queued: QueuedUpdate[] = [];
  private scheduled = false;
  /** A write is in the chain and has not started: it will take whatever is queued when it does. */
  private writeWaiting = false;
  private chain: Promise<void> = Promise.resolve();
  /** When each queued update arrived (performance.now()), in the order of `queued`. */
  private queuedAt: number[] = [];

  constructor(
    private readonly store: DocumentStore,
    private readonly policy: CompactionPolicy,
    private readonly observer: CommitObserver = IGNORE,
  ) {}

  /** Queues an applied update; it is written with the rest of this tick's updates. */
  enqueue(update: QueuedUpdate): void {
    this.queued.push(update);
    this.queuedAt.push(performance.now());
    this.observer.received();
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this turn: every frame already read joins the batch.
    setImmediate(() => this.flush());
  }

  /** Resolves once everything queued so far is written, and the compactions it made due are done. */
  async settle(): Promise<void> {
    for (;;) {
      if (this.queued.length > 0) this.flush();
      const chain = this.chain;
      await chain;
      if (chain === this.chain && this.queued.length === 0) return;
    }
  }

  /** Folds `doc`'s log into a fresh snapshot, after every write queued before this call. */
  compact(doc: CollabDocument): Promise<void> {
    return this.inTurn(() => this.compactNow(doc));
  }

  private flush(): void {
    this.scheduled = false;
    if (this.writeWaiting || this.queued.length === 0) return;
    this.writeWaiting = true;
    void this.inTurn(() => {
      this.writeWaiting = false;
      const batch = this.queued;
      const arrivals = this.queuedAt;
      this.queued = [];
      this.queuedAt = [];
      return batch.length > 0 ? this.write(batch, arrivals) : Promise.resolve();
    });
  }

  private inTurn(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step);
    return this.chain;
  }

  private async write(batch: QueuedUpdate[], arrivals: number[]): Promise<void> {
    // A document whose earlier write failed is gone; storing its later updates without the
    // earlier ones would leave a log Yjs cannot fully apply.
    const liveArrivals = arrivals.filter((_, i) => !batch[i]?.doc.failed);
    const live = batch.filter((queued) => !queued.doc.failed);
    if (live.length === 0) return;
    let seqs: number[];
    try {
      seqs = await this.store.append(
        live.map(({ doc, userId, update, clients }) => ({ docName: doc.name, userId, update, clients })),
      );
    } catch (error) {
      const docs = new Set(live.map((queued) => queued.doc));
      this.observer.failed(
        "append",
        error,
        [...docs].map((doc) => doc.name),
      );
      for (const doc of docs) doc.fail();
      return;
    }
    this.counts.commits++;
    this.counts.updatesStored += live.length;
    const committedAt = performance.now();
    this.observer.stored(liveArrivals.map((arrived) => committedAt - arrived));
    const byDoc = new Map<CollabDocument, { updates: QueuedUpdate[]; lastSeq: number }>();
    live.forEach((queued, i) => {
      const entry = byDoc.get(queued.doc) ?? { updates: [], lastSeq: 0 };
      entry.updates.push(queued);
      entry.lastSeq = seqs[i] ?? entry.lastSeq;
      byDoc.set(queued.doc, entry);
    });
    for (const [doc, { updates, lastSeq }] of byDoc) doc.committed(updates, lastSeq);
    for (const doc of byDoc.keys()) {
      if (doc.logRows >= this.policy.afterUpdates || doc.logBytes >= this.policy.afterBytes) {
        await this.compactNow(doc);
      }
    }
  }

  private async compactNow(doc: CollabDocument): Promise<void> {
    if (doc.failed || doc.logRows === 0) return;
    try {
      // From storage, not from the live copy, which has collected deleted text (see snapshot.ts).
      // Writes and compactions run in turn, so storage holds exactly what this copy committed.
      const stored = await this.store.load(doc.name);
      const { state, syncState } = foldForStorage(stored);
      await this.store.compact(doc.name, state, stored.lastSeq, syncState);
    } catch (error) {
      // The log still holds everything; compaction is retried on the next occasion.
      this.observer.failed("compact", error, [doc.name]);
      return;
    }
    this.counts.compactions++;
    doc.compacted();
  }
}
