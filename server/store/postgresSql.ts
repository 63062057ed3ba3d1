import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import type { RunResult, Sql, SqlValue, TransactionOptions } from "./sql";

// BIGINT columns (times, ids, counts) and sums arrive as numbers, as SQLite gives them: every
// value the application stores fits in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

/**
 * Serialization failures and deadlocks: the whole transaction is run again, up to a bound (each
 * attempt that fails lets another commit, so even a crowd on one row gets through).
 */
const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 30;

/** The session lock exclusive transactions take (migrations use another). */
const EXCLUSIVE_LOCK = 7_306_129_412;

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the store's SQL has no `?` inside literals). */
const numbered = new Map<string, string>();
function toPostgres(text: string): string {
  let converted = numbered.get(text);
  if (converted === undefined) {
    let n = 0;
    converted = text.replace(/\?/g, () => `$${++n}`);
    numbered.set(text, converted);
  }
  return converted;
}

type Queryable = pg.Pool | pg.PoolClient;

async function query<R>(on: Queryable, text: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
  return on.query<R & pg.QueryResultRow>(toPostgres(text), params as unknown[]);
}

/** The transaction the current async call chain runs in, to catch statements that bypass `tx`. */
const openTransaction = new AsyncLocalStorage<PostgresTransaction>();

const bypassed = () =>
  new Error("a statement inside a transaction bypassed its handle: use the `tx` it was given");

/**
 * `Sql` over a pool of PostgreSQL connections. Transactions are SERIALIZABLE, as SQLite's are,
 * and run again from the start when PostgreSQL aborts one to keep them so (40001, 40P01).
 */
export class PostgresSql implements Sql {
  readonly dialect = "postgres";

  constructor(readonly pool: pg.Pool) {}

  private outside(): Queryable {
    if (openTransaction.getStore()?.open) throw bypassed();
    return this.pool;
  }

  async all<R>(text: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return (await query<R>(this.outside(), text, params)).rows as R[];
  }

  async get<R>(text: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return (await query<R>(this.outside(), text, params)).rows[0] as R | undefined;
  }

  async run(text: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return { changes: (await query(this.outside(), text, params)).rowCount ?? 0 };
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (openTransaction.getStore()?.open) throw bypassed();
    const client = await this.pool.connect();
    if (!options.exclusive) {
      try {
        return await this.attempts(client, work);
      } finally {
        client.release();
      }
    }
    // Taken before BEGIN, not inside: a serializable transaction's snapshot dates from its first
    // statement, so one that waited for the lock inside would then read what was there before.
    let broken: Error | undefined;
    try {
      await client.query("SELECT pg_advisory_lock($1)", [EXCLUSIVE_LOCK]);
      try {
        return await this.attempts(client, work);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [EXCLUSIVE_LOCK]).catch((error: Error) => {
          broken = error;
        });
      }
    } finally {
      // A connection that may still hold the lock is closed, not pooled: closing releases it.
      client.release(broken);
    }
  }

  /** Runs `work` in a serializable transaction on `client`, again while PostgreSQL asks to. */
  private async attempts<T>(client: pg.PoolClient, work: (tx: Sql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const tx = new PostgresTransaction(client);
      try {
        await client.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
        const result = await openTransaction.run(tx, () => work(tx));
        tx.open = false;
        await client.query("COMMIT");
        return result;
      } catch (error) {
        // Closed first: a statement still queued behind the one that failed must not run after the
        // ROLLBACK, outside any transaction.
        tx.open = false;
        await tx.settled();
        await client.query("ROLLBACK").catch(() => {});
        const code = (error as { code?: unknown }).code;
        if (attempt >= MAX_ATTEMPTS || typeof code !== "string" || !RETRYABLE.has(code)) throw error;
        // Random, growing waits, so transactions that collided do not collide again in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 100)));
      } finally {
        tx.open = false;
      }
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** The handle a transaction's `work` gets: its statements run on the transaction's connection. */
class PostgresTransaction implements Sql {
  readonly dialect = "postgres";
  open = true;
  private savepoints = 0;
  /**
   * The statement sent last. A transaction has one connection, which runs one statement at a time:
   * statements issued together (`Promise.all` over `tx`) are sent one after another, in the order
   * they were issued, rather than handed to the driver while it is busy (deprecated in pg 8,
   * refused from pg 9).
   */
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: pg.PoolClient) {}

  private send<R>(text: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    if (!this.open) throw new Error("this transaction has ended; its handle can no longer be used");
    const sent = this.last.then(() => {
      if (!this.open) throw new Error("this transaction has ended; its statement was not sent");
      return query<R>(this.client, text, params);
    });
    this.last = sent.catch(() => {});
    return sent;
  }

  /** Resolves once every statement sent so far has been answered. */
  settled(): Promise<unknown> {
    return this.last;
  }

  async all<R>(text: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return (await this.send<R>(text, params)).rows as R[];
  }

  async get<R>(text: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return (await this.send<R>(text, params)).rows[0] as R | undefined;
  }

  async run(text: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return { changes: (await this.send(text, params)).rowCount ?? 0 };
  }

  /** A savepoint: `work`'s statements roll back alone when it rejects. */
  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const name = `s${++this.savepoints}`;
    await this.send(`SAVEPOINT ${name}`, []);
    try {
      const result = await work(this);
      await this.send(`RELEASE SAVEPOINT ${name}`, []);
      return result;
    } catch (error) {
      await this.send(`ROLLBACK TO SAVEPOINT ${name}`, []);
      throw error;
    }
  }
}
