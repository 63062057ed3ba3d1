import { Worker } from "node:worker_threads";

/** What a job thread posts back for the job `{ id, job }` it was sent: its result, or its error's message. */
export type JobReply<Result> = { id: number; result: Result } | { id: number; error: string };

type Pending<Result> = { resolve: (result: Result) => void; reject: (error: Error) => void };

/**
 * A worker thread running jobs sent as `{ id, job }` messages and answered by id, started on first
 * use and again after a crash; jobs queue in the thread in the order they came. With `idleMs` it
 * exits that long after its last answer, giving back what it loaded.
 */
export class JobThread<Job, Result> {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending<Result>>();
  private idleTimer: NodeJS.Timeout | null = null;

  /** `name` says which thread stopped, in the error its pending jobs get. */
  constructor(
    private readonly entry: URL,
    private readonly name: string,
    private readonly idleMs: number | null = null,
  ) {}

  /** Whether the thread is running (for tests). */
  get running(): boolean {
    return this.worker !== null;
  }

  /**
   * Runs `job` on the thread. Its bytes are copied, not transferred: Buffers read from SQLite may
   * share their memory with others, which a transfer would take away from them.
   */
  run(job: Job): Promise<Result> {
    const worker = this.worker ?? this.start();
    this.cancelIdleStop();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  /** Stops the thread now; jobs still running are rejected. */
  async close(): Promise<void> {
    this.cancelIdleStop();
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(this.entry, { execArgv: [] });
    // Idle, it must not keep the process alive; busy, the pending promises do.
    worker.unref();
    worker.on("message", (reply: JobReply<Result>) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ("result" in reply) pending?.resolve(reply.result);
      else pending?.reject(new Error(reply.error));
      if (this.pending.size === 0 && this.worker === worker) this.stopWhenIdle();
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the ${this.name} stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private stopWhenIdle(): void {
    if (this.idleMs === null) return;
    this.cancelIdleStop();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending.size === 0) void this.close();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private cancelIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
