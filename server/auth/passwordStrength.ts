import type { PasswordStrength } from "@shared/passwordStrength";
import { JobThread } from "../workers/JobThread";

/** How long the thread stays after its last estimate (a sign-up form is often sent twice in a row). */
const IDLE_MS = 30_000;

/** What the thread is sent for one estimate (passwordStrengthWorker.mjs). */
type PasswordJob = { password: string; userInputs: string[] };

/**
 * Estimates passwords on a thread of their own that exits when idle. zxcvbn's dictionaries (common,
 * en, es, fr) are JavaScript modules of about 60 MB of resident memory once loaded and ranked, and
 * a module, once imported, is never unloaded: estimated on the main thread, one sign-up would keep
 * them for the process's life. A thread that exits gives all of it back. Sign-ups are rare; the
 * first one after an idle spell waits for the thread to start (a few hundred milliseconds, on top of
 * an argon2 hash).
 */
export class PasswordStrengthThread {
  private readonly thread: JobThread<PasswordJob, PasswordStrength>;

  constructor(idleMs = IDLE_MS) {
    this.thread = new JobThread(
      new URL("./passwordStrengthWorker.mjs", import.meta.url),
      "password-strength thread",
      idleMs,
    );
  }

  /** Estimates `password`'s strength; `userInputs` (name, email) count as easy to guess. */
  estimate(password: string, userInputs: readonly string[] = []): Promise<PasswordStrength> {
    return this.thread.run({ password, userInputs: [...userInputs] });
  }

  /** Whether the thread is running (for tests). */
  get running(): boolean {
    return this.thread.running;
  }

  /** Stops the thread now; estimates still running are rejected. */
  close(): Promise<void> {
    return this.thread.close();
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
