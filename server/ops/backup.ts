import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** The database file inside a data folder. */
export const databaseFile = (dataDir: string): string => path.join(dataDir, "cocrea.db");

/** A backup or restore refused, with the sentence to show the operator. */
export class BackupRefused extends Error {}

/** Backup and restore copy the embedded SQLite file; a PostgreSQL deployment uses PostgreSQL's tools. */
export function refuseUnlessEmbedded(databaseUrl: string | null): void {
  if (databaseUrl) {
    throw new BackupRefused(
      "COCREA_DATABASE_URL is set: this instance keeps its data in PostgreSQL. Use pg_dump and pg_restore (see the README's Backup and restore).",
    );
  }
}

export interface BackupSummary {
  bytes: number;
  ms: number;
}

// sqlite3_backup_step copies this many pages per step: all of them, in one step, under one read
// transaction. In WAL mode that is a consistent snapshot taken while the server keeps committing;
// smaller steps would restart from scratch each time the server commits in between.
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the database of `dataDir` into `file` with SQLite's online backup, while a server may be
 * writing to it (from this separate process: WAL readers and the writer do not block each other).
 * The copy holds every transaction committed before the copy started. It is checked before it is
 * given its name, so `file` is either a sound database or absent.
 */
export async function backupDatabase(dataDir: string, file: string): Promise<BackupSummary> {
  const source = databaseFile(dataDir);
  if (!fs.existsSync(source)) throw new BackupRefused(`There is no Cocrea database at ${source}.`);
  if (fs.existsSync(file)) throw new BackupRefused(`${file} already exists; choose a new file name.`);
  const started = performance.now();
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  try {
    checkDatabase(partial);
    fs.renameSync(partial, file);
    return { bytes: fs.statSync(file).size, ms: Math.round(performance.now() - started) };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Restores a backup into `dataDir`, which must be empty or absent: restoring never overwrites
 * data. The file is copied in, checked, and only then named cocrea.db.
 */
export function restoreDatabase(file: string, dataDir: string): BackupSummary {
  if (!fs.existsSync(file)) throw new BackupRefused(`${file} does not exist.`);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new BackupRefused(
      `${dataDir} is not empty. Restore only into an empty data folder: stop the server and move the current one aside first.`,
    );
  }
  const started = performance.now();
  fs.mkdirSync(dataDir, { recursive: true });
  const partial = `${databaseFile(dataDir)}.partial`;
  fs.copyFileSync(file, partial);
  try {
    checkDatabase(partial);
    fs.renameSync(partial, databaseFile(dataDir));
    return { bytes: fs.statSync(databaseFile(dataDir)).size, ms: Math.round(performance.now() - started) };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** Where a backup keeps the server's signing key: beside the database copy, readable by its owner only. */
export const signingKeyCopy = (backupFile: string): string => `${backupFile}.signing-key.pem`;

/**
 * Copies the signing key (official versions' seals are checked against it) beside the backup
 * file; null when the server has never made one. Never overwrites a file.
 */
export function backupSigningKey(keyFile: string, backupFile: string): string | null {
  if (!fs.existsSync(keyFile)) return null;
  const target = signingKeyCopy(backupFile);
  fs.writeFileSync(target, fs.readFileSync(keyFile), { mode: 0o600, flag: "wx" });
  return target;
}

/**
 * Refuses a restore that would replace another signing key than the backup's: versions sealed
 * by one key fail their check under another. Call before restoring anything.
 */
export function checkSigningKeyRestore(backupFile: string, keyFile: string): void {
  const copy = signingKeyCopy(backupFile);
  if (!fs.existsSync(copy) || !fs.existsSync(keyFile)) return;
  if (!fs.readFileSync(copy).equals(fs.readFileSync(keyFile))) {
    throw new BackupRefused(
      `${keyFile} holds another signing key than the backup's (${copy}); move it aside first.`,
    );
  }
}

/** Puts the backup's signing key in place (mode 0600); false when the backup has none. */
export function restoreSigningKey(backupFile: string, keyFile: string): boolean {
  const copy = signingKeyCopy(backupFile);
  if (!fs.existsSync(copy)) return false;
  if (fs.existsSync(keyFile)) return true;
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  fs.writeFileSync(keyFile, fs.readFileSync(copy), { mode: 0o600, flag: "wx" });
  return true;
}

/**
 * Throws BackupRefused unless `file` is a sound SQLite database made by Cocrea (the server applies
 * any newer migrations when it opens it).
 */
function checkDatabase(file: string): void {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch {
    throw new BackupRefused(`${file} is not a SQLite database.`);
  }
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new BackupRefused(`${file} is damaged: ${String(integrity)}`);
    const hasMigrations = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!hasMigrations) throw new BackupRefused(`${file} is not a Cocrea database.`);
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused(`${file} could not be read as a Cocrea database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}
