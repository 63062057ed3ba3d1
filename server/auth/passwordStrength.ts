import { Worker } from "node:worker_threads";
import type { PasswordStrength } from "@shared/passwordStrength";

/** How long the thread stays after its last estimate (a sign-up form is often sent twice in a row). */
const IDLE_MS = 30_000;

type Reply = { id: number; result: PasswordStrength } | { id: number; error: string };
type Pending = { resolve: (result: PasswordStrength) => void; reject: (error: Error) => void };

/**
 * Estimates passwords on a thread of their own that exits when idle. zxcvbn's dictionaries (common,
 * en, es, fr) are JavaScript modules of about 60 MB of resident memory once loaded and ranked, and
 * a module, once imported, is never unloaded: estimated on the main thread, one sign-up would keep
 * them for the process's life. A thread that exits gives all of it back. Sign-ups are rare; the
 * first one after an idle spell waits for the thread to start (a few hundred milliseconds, on top of
 * an argon2 hash).
 */
export class PasswordStrengthThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly idleMs = IDLE_MS) {}

  /** Estimates `password`'s strength; `userInputs` (name, email) count as easy to guess. */
  estimate(password: string, userInputs: readonly string[] = []): Promise<PasswordStrength> {
    const worker = this.worker ?? this.start();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, password, userInputs: [...userInputs] });
    });
  }

  /** Whether the thread is running (for tests). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Stops the thread now; estimates still running are rejected. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(new URL("./passwordStrengthWorker.mjs", import.meta.url), { execArgv: [] });
    // Idle, it must not keep the process alive; busy, the pending promises do.
    worker.unref();
    worker.on("message", (reply: Reply) => {
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
    worker.on("exit", (code) => fail(new Error(`the password-strength thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private stopWhenIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending.size === 0) void this.close();
    }, this.idleMs);
    this.idleTimer.unref();
  }
}

const shared = new PasswordStrengthThread();

/** Estimates a password's strength on the shared thread (see PasswordStrengthThread). */
export function estimatePasswordStrength(
  password: string,
  userInputs: readonly string[] = [],
): Promise<PasswordStrength> {
  return shared.estimate(password, userInputs);
}
