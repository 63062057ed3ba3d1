import type { WorkspaceEvent } from "@shared/events";
import type { Store } from "../store";
import { type Emit, runWithEvents } from "./commit";
import type { EventRelay } from "./relay";

/** PostgreSQL's serialization failure and deadlock: the whole transaction must run again. */
const RETRY_WHOLE = new Set(["40001", "40P01"]);

interface Queued {
  work: (tx: Store, emit: Emit, now: number) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown; events: WorkspaceEvent[] } | { ok: false; error: unknown };

/**
 * `commitWithEvents` for many small writes at once (consultation inputs and supports in a busy
 * last minute), as `GroupCommit` does for document updates: every piece of work queued during
 * one turn of the event loop runs in one transaction, each in a savepoint of its own.
 *
 * - **Durable before acknowledged**: a piece's promise settles only after the transaction that
 *   holds it has committed; a failed commit rejects every piece it held.
 * - **One failure fails one**: a piece that throws rolls back to its savepoint (its writes and its
 *   events with it) and its caller gets its error; the others commit.
 * - **Arrival order**: pieces run in the order they were queued, and their answers go out in that
 *   order, so the first to ask is the first answered.
 * - While a transaction is in progress, what arrives meanwhile waits and then goes in one
 *   transaction (not one per turn), at most `maxBatch` at a time, so that one batch does not hold
 *   the connection long while other reads wait for it.
 *
 * On PostgreSQL a serialization failure inside a piece is not the piece's failure: it aborts the
 * whole transaction, which the store runs again from the start (every piece anew).
 */
export class BatchedCommit {
  readonly counts = { commits: 0, pieces: 0 };
  private queued: Queued[] = [];
  private scheduled = false;
  private running = false;

  constructor(
    private readonly deps: { store: Store; relay: EventRelay },
    private readonly maxBatch = 128,
  ) {}

  /** Runs `work` as `commitWithEvents` would, in the transaction of this turn's batch. */
  run<T>(work: (tx: Store, emit: Emit, now: number) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    // setImmediate runs after this turn's I/O callbacks: every request already read joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.running || this.queued.length === 0) return;
    this.running = true;
    const batch = this.queued.splice(0, this.maxBatch);
    try {
      await this.commit(batch);
    } finally {
      this.running = false;
      if (this.queued.length > 0) this.schedule();
    }
  }

  private async commit(batch: Queued[]): Promise<void> {
    const now = Date.now();
    let outcomes: Outcome[];
    try {
      outcomes = await this.deps.store.transaction(async (tx) => {
        // Built anew on each attempt: a retried transaction runs every piece again.
        const results: Outcome[] = [];
        for (const piece of batch) {
          try {
            const { value, events } = await tx.transaction((savepoint) =>
              runWithEvents(savepoint, piece.work, now),
            );
            results.push({ ok: true, value, events });
          } catch (error) {
            if (RETRY_WHOLE.has(String((error as { code?: unknown }).code))) throw error;
            results.push({ ok: false, error });
          }
        }
        return results;
      });
    } catch (error) {
      for (const piece of batch) piece.reject(error);
      return;
    }
    this.counts.commits++;
    this.counts.pieces += batch.length;
    for (const [i, piece] of batch.entries()) {
      const outcome = outcomes[i];
      if (!outcome) piece.reject(new Error("a batched write has no outcome"));
      else if (!outcome.ok) piece.reject(outcome.error);
      else {
        for (const event of outcome.events) this.deps.relay.publish(event);
        piece.resolve(outcome.value);
      }
    }
  }
}
