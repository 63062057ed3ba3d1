import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import type { Db } from "./db";
import type { RunResult, Sql, SqlValue } from "./sql";

/**
 * Who holds the one connection. better-sqlite3 runs statements synchronously, but a transaction's
 * `work` awaits between them; meanwhile any other statement on the connection would run inside
 * that open transaction (and be rolled back with it, or see its uncommitted rows). So while a
 * transaction is open, every other statement waits here, in arrival order.
 */
class Gate {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  get free(): boolean {
    return !this.held;
  }

  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the connection to the next waiter, if any (so nobody can cut in between). */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/** The transaction the current async call chain runs in, to catch statements that bypass `tx`. */
const openTransaction = new AsyncLocalStorage<object>();

// better-sqlite3 binds Buffers, not plain Uint8Arrays; this wraps without copying.
function bind(params: readonly SqlValue[]): unknown[] {
  return params.map((value) =>
    value instanceof Uint8Array && !Buffer.isBuffer(value)
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      : value,
  );
}

/**
 * `Sql` over one better-sqlite3 connection. Statements are prepared once per SQL text. When no
 * transaction is open (the usual case) a statement runs at once and the answer is an already
 * settled promise, so the asynchronous interface costs next to nothing over calling SQLite directly.
 */
export class SqliteSql implements Sql {
  readonly dialect = "sqlite";
  private readonly statements = new Map<string, Database.Statement>();
  private readonly gate = new Gate();
  private owner: object | null = null;

  constructor(readonly db: Db) {}

  /**
   * Runs `fn` on the raw connection as soon as no transaction holds it: now when free. For code
   * that must stay synchronous (the collaboration hot path in documents.ts, WAL checkpoints).
   */
  exclusive<T>(fn: () => T): Promise<T> {
    if (this.gate.free) {
      try {
        return Promise.resolve(fn());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (this.owner !== null && openTransaction.getStore() === this.owner) {
      // Waiting would wait for ourselves, forever.
      return Promise.reject(
        new Error("a statement inside a transaction bypassed its handle: use the `tx` it was given"),
      );
    }
    return this.gate.acquire().then(() => {
      try {
        return fn();
      } finally {
        this.gate.release();
      }
    });
  }

  all<R>(text: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return this.exclusive(() => this.prepare(text).all(...bind(params)) as R[]);
  }

  get<R>(text: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return this.exclusive(() => this.prepare(text).get(...bind(params)) as R | undefined);
  }

  run(text: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return this.exclusive(() => ({ changes: this.prepare(text).run(...bind(params)).changes }));
  }

  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.owner !== null && openTransaction.getStore() === this.owner) {
      throw new Error("a transaction inside a transaction bypassed its handle: use `tx.transaction`");
    }
    await this.gate.acquire();
    const tx = new SqliteTransaction(this);
    this.owner = tx;
    try {
      // IMMEDIATE: with several processes on one file (the cluster tests), a deferred transaction
      // that reads and then writes fails at once (SQLITE_BUSY) when another process wrote
      // meanwhile; an IMMEDIATE one takes the write lock first and waits busy_timeout for it.
      this.db.exec("BEGIN IMMEDIATE");
      const result = await openTransaction.run(tx, () => work(tx));
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw error;
    } finally {
      tx.finished = true;
      this.owner = null;
      this.gate.release();
    }
  }

  /** The statement for `text`, prepared on first use. */
  prepare(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }
}

/** The handle a transaction's `work` gets: runs straight on the connection the gate holds for it. */
class SqliteTransaction implements Sql {
  readonly dialect = "sqlite";
  finished = false;
  private savepoints = 0;

  constructor(private readonly owner: SqliteSql) {}

  private statement(text: string): Database.Statement {
    if (this.finished) throw new Error("this transaction has ended; its handle can no longer be used");
    return this.owner.prepare(text);
  }

  all<R>(text: string, params: readonly SqlValue[] = []): Promise<R[]> {
    try {
      return Promise.resolve(this.statement(text).all(...bind(params)) as R[]);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  get<R>(text: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    try {
      return Promise.resolve(this.statement(text).get(...bind(params)) as R | undefined);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  run(text: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    try {
      return Promise.resolve({ changes: this.statement(text).run(...bind(params)).changes });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A savepoint: `work`'s statements roll back alone when it rejects. */
  async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    const name = `s${++this.savepoints}`;
    const db = this.owner.db;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw error;
    }
  }
}
