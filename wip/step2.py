import re
def sub(p, a, b):
    s=open(p).read()
    assert a in s, (p, a[:70])
    s=s.replace(a,b,1)
    open(p,'w').write(s)
W='/work/wt-store/'
# config
p=W+'server/config.ts'
sub(p,'''  dataDir: string;
''','''  dataDir: string;
  /**
   * The PostgreSQL database that several instances share, e.g. postgres://cocrea@db/cocrea; null
   * for the embedded SQLite database in `dataDir`.
   */
  databaseUrl: string | null;
''')
sub(p,'''const environment = z''','''const databaseUrl = optional(
  z.string().refine((value) => URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol), {
    error: "COCREA_DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://cocrea@127.0.0.1/cocrea",
  }),
);

const environment = z''')
sub(p,'''    COCREA_DATA_DIR: optional(z.string()),
''','''    COCREA_DATA_DIR: optional(z.string()),
    COCREA_DATABASE_URL: databaseUrl,
''')
sub(p,'''    dataDir,
    // Beside''','''    dataDir,
    databaseUrl: vars.COCREA_DATABASE_URL ?? null,
    // Beside''')
# versions guardEpoch
p=W+'server/store/versions.ts'
sub(p,'''    async guardEpoch() {
      const row = await sql.get<{ schema_version: number }>("PRAGMA schema_version");
      return row?.schema_version ?? 0;
    },''','''    async guardEpoch() {
      // SQLite counts schema changes itself; in PostgreSQL every trigger created, dropped or
      // disabled changes this sum.
      const row = await sql.get<{ epoch: number }>(
        sql.dialect === "sqlite"
          ? "PRAGMA schema_version"
          : "SELECT coalesce(sum(oid::bigint), 0) * 64 + count(*) FILTER (WHERE tgenabled = 'D') AS epoch FROM pg_trigger",
      );
      return row ? Number(Object.values(row)[0]) : 0;
    },''')
import os
os.rename(W+'server/store/database.ts.new', W+'server/store/database.ts')
p=W+'server/createContext.ts'
sub(p,'''import { openDb } from "./store/db";
import { createSqliteDocumentStore } from "./store/documents";
import { SqliteSql } from "./store/sqliteSql";
''','''import { openDatabase } from "./store/database";
''')
sub(p,'''/** Opens the database in `config.dataDir` and builds everything the REST and collab halves share. */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const db = openDb(path.join(config.dataDir, "cocrea.db"));
  const sql = new SqliteSql(db);
  const store = createStore(sql);''','''/**
 * Opens the database (PostgreSQL at `config.databaseUrl`, else SQLite in `config.dataDir`) and
 * builds everything the REST and collab halves share.
 */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const database = await openDatabase(config);
  const { sql } = database;
  const store = createStore(sql);''')
sub(p,'''    config,
    db,
    sql,
    store,
    documentStore: createSqliteDocumentStore(sql),''','''    config,
    get db() {
      if (!database.sqlite) throw new Error("this instance runs on PostgreSQL: it has no SQLite connection");
      return database.sqlite;
    },
    sql,
    store,
    documentStore: database.documentStore,''')
sub(p,'''      redis?.close();
      db.close();''','''      redis?.close();
      void database.close();''')
p=W+'server/context.ts'
sub(p,'''  /** The SQLite connection, for what only SQLite has (WAL checkpoints). */''','''  /** The SQLite connection, for what only SQLite has (WAL checkpoints); throws on PostgreSQL. */''')
p=W+'server/collab/index.ts'
sub(p,'''  const checkpointer = startWalCheckpointer(ctx.db, ctx.log);''','''  const checkpointer = ctx.sql.dialect === "sqlite" ? startWalCheckpointer(ctx.db, ctx.log) : null;''')
p=W+'.ci/run'
sub(p,'''npm ci --no-audit --no-fund''','''# The PostgreSQL tests start a server of their own (initdb, a free loopback port); no service is needed.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "Installing Debian's PostgreSQL for the PostgreSQL store tests…"
  install_packages postgresql
fi

npm ci --no-audit --no-fund''')
p=W+'README.md'
sub(p,'''| `COCREA_DATA_DIR` | `./data` | folder holding the SQLite database (`cocrea.db`, WAL mode) |''','''| `COCREA_DATA_DIR` | `./data` | folder holding the SQLite database (`cocrea.db`, WAL mode) |
| `COCREA_DATABASE_URL` | — | a PostgreSQL database instead of SQLite, e.g. `postgres://cocrea:password@10.0.0.8:5432/cocrea` (`postgresql://` too; `?sslmode=require` for TLS). Migrations (`server/store/postgres/`) run at start, once, under an advisory lock. Create the database with the C collation (`CREATE DATABASE cocrea TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'`) so lists sort as in SQLite |''')
p=W+'server/createContext.ts'
s=open(p).read()
if 'path.' not in s.replace('import path from "node:path";',''):
    s=s.replace('import path from "node:path";\n','',1)
open(p,'w').write(s)
print("step2 applied")
