import type { SessionStore } from "../store/sessions";
import type { SessionRevocation } from "./revocation";

/** What a session keeps open: a /collab socket or a workspace event stream. */
export type LiveKind = "socket" | "stream";

/** One socket's or stream's hold on the session it was opened with. */
export interface Lease {
  /** Aborted when the session ends (signed out, signed out on every device, expired): close then. */
  readonly signal: AbortSignal;
  /** The socket or stream closed; it stops counting against its user's cap. Calling it again does nothing. */
  release(): void;
}

/** Why `open` gave no lease: the session is gone, or its user already has the most allowed open. */
export type LeaseRefusal = "session_ended" | "too_many";

/**
 * Counts every instance's leases against the caps, when several instances share them (Redis).
 * Without one, each process counts its own.
 */
export interface SharedLeaseCounts {
  /** Counts one more `kind` for `userId` unless they already hold `cap`; false when refused. */
  take(userId: string, kind: LiveKind, cap: number): Promise<boolean>;
  /** Counts one fewer. */
  giveBack(userId: string, kind: LiveKind): void;
  close(): void;
}

export interface LiveSessionsOptions {
  /** Most sockets and streams one user may have open at once. */
  caps: Record<LiveKind, number>;
  /** Where the caps are counted when several instances share them; this process alone otherwise. */
  shared?: SharedLeaseCounts;
  /** How often sessions are checked for expiry. */
  sweepMs?: number;
}

interface HeldSession {
  userId: string;
  expiresAt: number;
  leases: Set<HeldLease>;
}

interface HeldLease extends Lease {
  kind: LiveKind;
  userId: string;
  sessionKey: string;
  controller: AbortController;
  released: boolean;
}

/**
 * Live access held by sessions. Every socket and event stream takes a lease on the session it was
 * opened with; the lease is aborted when the revocation bus announces that session's end, or when
 * a sweep every `sweepMs` finds it expired (re-read from the store first, since using the site
 * extends a session). Leases are also what the per-user caps count.
 *
 * Counts are per process unless `shared` counts them across instances.
 */
export class LiveSessions {
  private readonly bySession = new Map<string, HeldSession>();
  private readonly byUser = new Map<string, Record<LiveKind, number>>();
  private readonly caps: Record<LiveKind, number>;
  private readonly shared: SharedLeaseCounts | null;
  private readonly sweeper: ReturnType<typeof setInterval>;
  private sweeping = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly sessions: SessionStore,
    revocation: SessionRevocation,
    options: LiveSessionsOptions,
  ) {
    this.caps = options.caps;
    this.shared = options.shared ?? null;
    this.unsubscribe = revocation.subscribe((key) => this.end(key));
    this.sweeper = setInterval(() => {
      if (this.sweeping) return;
      // A failed read (the database closing at shutdown) leaves the leases for the next sweep.
      this.sweeping = true;
      this.sweep()
        .catch(() => {})
        .finally(() => {
          this.sweeping = false;
        });
    }, options.sweepMs ?? 500);
    this.sweeper.unref();
  }

  /**
   * Takes a lease of `kind` on the session `sessionKey`. The session is read from the store here,
   * after authentication, so one that ended in between is refused rather than missed.
   */
  async open(kind: LiveKind, sessionKey: string): Promise<Lease | LeaseRefusal> {
    const found = await this.sessions.withUser(sessionKey);
    if (!found || found.session.expiresAt <= Date.now()) return "session_ended";
    const { userId, expiresAt } = found.session;
    if (this.shared) {
      if (!(await this.shared.take(userId, kind, this.caps[kind]))) return "too_many";
      // The session may have ended while the count was taken, its announcement already gone by.
      if (!(await this.sessions.withUser(sessionKey))) {
        this.shared.giveBack(userId, kind);
        return "session_ended";
      }
    } else if (this.count(userId, kind) >= this.caps[kind]) return "too_many";
    const counts = this.byUser.get(userId) ?? { socket: 0, stream: 0 };
    counts[kind]++;
    this.byUser.set(userId, counts);

    let held = this.bySession.get(sessionKey);
    if (!held) {
      held = { userId, expiresAt, leases: new Set() };
      this.bySession.set(sessionKey, held);
    }
    const controller = new AbortController();
    const lease: HeldLease = {
      kind,
      userId,
      sessionKey,
      controller,
      signal: controller.signal,
      released: false,
      release: () => this.release(lease),
    };
    held.leases.add(lease);
    return lease;
  }

  /** How many of `kind` a user has open on this instance (for tests and metrics). */
  count(userId: string, kind: LiveKind): number {
    return this.byUser.get(userId)?.[kind] ?? 0;
  }

  /** Stops sweeping and listening; open leases are left to their sockets and streams. */
  close(): void {
    clearInterval(this.sweeper);
    this.unsubscribe();
    this.shared?.close();
  }

  private release(lease: HeldLease): void {
    if (lease.released) return;
    lease.released = true;
    this.shared?.giveBack(lease.userId, lease.kind);
    const counts = this.byUser.get(lease.userId);
    if (counts) {
      counts[lease.kind]--;
      if (counts.socket === 0 && counts.stream === 0) this.byUser.delete(lease.userId);
    }
    const held = this.bySession.get(lease.sessionKey);
    if (held?.leases.delete(lease) && held.leases.size === 0) this.bySession.delete(lease.sessionKey);
  }

  /** The session ended: every lease on it is aborted (their owners close and release them). */
  private end(sessionKey: string): void {
    const held = this.bySession.get(sessionKey);
    if (!held) return;
    this.bySession.delete(sessionKey);
    for (const lease of held.leases) lease.controller.abort();
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    for (const [key, held] of this.bySession) {
      if (held.expiresAt > now) continue;
      const found = await this.sessions.withUser(key);
      if (found && found.session.expiresAt > now) held.expiresAt = found.session.expiresAt;
      else this.end(key);
    }
  }
}
