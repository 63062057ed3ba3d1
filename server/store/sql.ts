/**
 * The one way store modules reach a database: SQL text with `?` placeholders and positional
 * parameters, answered asynchronously, so the same module runs on SQLite (sqliteSql.ts) and on
 * a networked database. Write SQL both dialects accept (`ON CONFLICT … DO NOTHING`, `RETURNING`,
 * `coalesce`); what differs goes behind a `dialect` check in the module that needs it.
 */
export type SqlValue = string | number | bigint | Uint8Array | null;

export type Dialect = "sqlite" | "postgres";

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface Sql {
  readonly dialect: Dialect;
  /** Every row the statement returns, in order. */
  all<R>(text: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** The first row the statement returns, or undefined. */
  get<R>(text: string, params?: readonly SqlValue[]): Promise<R | undefined>;
  run(text: string, params?: readonly SqlValue[]): Promise<RunResult>;
  /**
   * Runs `work` in one serializable transaction, handing it a handle bound to that transaction:
   * all its statements land, or none do (it rolls back when `work` rejects). Every statement of
   * the transaction must go through `tx`; a nested call opens a savepoint.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface TransactionOptions {
  /**
   * One at a time with every other exclusive transaction on the database, across processes, as
   * SQLite's single writer does (its transactions all are). The store's transactions are: many that
   * read and write the same rows at once (200 ballots in one vote) would otherwise abort each other
   * faster than they retry.
   */
  exclusive?: boolean;
}

/** `IN (?, ?, …)` for a list of values, which neither dialect binds as one parameter. */
export const placeholders = (values: readonly unknown[]): string =>
  values.length === 0 ? "(NULL)" : `(${values.map(() => "?").join(", ")})`;

/**
 * Whether `error` is a unique index refusing a row, in either dialect (better-sqlite3's code, or
 * PostgreSQL's SQLSTATE 23505): what decides between two writes that both passed a check first.
 */
export const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
};
