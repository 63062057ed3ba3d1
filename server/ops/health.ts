import type { Sql } from "../store/sql";
import type { Log } from "./log";

/** One thing the instance needs to serve; throws (or rejects) when it cannot. */
export type HealthCheck = () => void | Promise<void>;

export interface HealthReport {
  status: "ok" | "unavailable";
  /** Why not, as a stable code: "shutting_down" or "<check>_unavailable". */
  reason?: string;
  checks: Record<string, "ok" | "failed">;
}

/**
 * What GET /healthz answers. Checks are added by name (the database now; Redis when a cluster
 * configures it); an instance that is shutting down is unavailable whatever they say, so a load
 * balancer stops sending it new clients.
 */
export class Health {
  private readonly checks = new Map<string, HealthCheck>();
  private draining = false;

  constructor(private readonly log: Log) {}

  add(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** From now on the instance reports "shutting_down". */
  drain(): void {
    this.draining = true;
  }

  async report(): Promise<HealthReport> {
    const checks: HealthReport["checks"] = {};
    let reason: string | undefined;
    for (const [name, check] of this.checks) {
      try {
        await check();
        checks[name] = "ok";
      } catch (error) {
        checks[name] = "failed";
        reason ??= `${name}_unavailable`;
        // The detail goes to the log only: the answer is public and error texts name files.
        this.log.warn({ err: error, check: name }, "health check failed");
      }
    }
    if (this.draining) reason = "shutting_down";
    return reason ? { status: "unavailable", reason, checks } : { status: "ok", checks };
  }
}

const ROLLBACK = Symbol("rollback");

/**
 * The database is open and accepts a write: one row inserted and rolled back, so a closed
 * connection, a read-only file system or database, or a lock held past its timeout all fail it.
 */
export function databaseWritable(sql: Sql): HealthCheck {
  return async () => {
    try {
      await sql.transaction(async (tx) => {
        await tx.run("INSERT INTO schema_migrations (version, applied_at) VALUES (-1, 0)");
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
  };
}
