import type { CollabSession } from "./CollabSession";

/**
 * The copies of collaborative documents Cocrea keeps on this device (IndexedDB, one database per
 * user and document), and their removal at sign-out so the next person at a shared computer finds
 * none of them (or, for someone who never signed out, once another account signs in here). Each
 * name carries the user id, so one account never loads another's copy.
 */

const namePrefix = (userId: string) => `cocrea:${userId}:`;
/** The account a database name belongs to (`cocrea:<userId>:<docName>`), or null for none of ours. */
const ownerOf = (name: string) => /^cocrea:([^:]+):/.exec(name)?.[1] ?? null;
const registryPrefix = "cocrea:device-copies:";
/** localStorage key listing the databases opened for one account (for browsers without `indexedDB.databases()`). */
const registryKey = (userId: string) => `${registryPrefix}${userId}`;

function registered(userId: string): string[] {
  try {
    const names: unknown = JSON.parse(localStorage.getItem(registryKey(userId)) ?? "[]");
    return Array.isArray(names) ? names.filter((name) => typeof name === "string") : [];
  } catch {
    return [];
  }
}

/** The database name for this user's copy of a document, recorded so sign-out can find it. */
export function deviceCopyName(userId: string, docName: string): string {
  const name = `${namePrefix(userId)}${docName}`;
  const names = registered(userId);
  if (!names.includes(name)) localStorage.setItem(registryKey(userId), JSON.stringify([...names, name]));
  return name;
}

const openSessions = new Set<CollabSession>();

/** Makes an open document count at sign-out; returns the function that forgets it. */
export function trackSession(session: CollabSession): () => void {
  openSessions.add(session);
  return () => openSessions.delete(session);
}

/** The IndexedDB databases the browser lists (none where it cannot list them). */
async function databaseNames(): Promise<string[]> {
  const listed = indexedDB.databases ? await indexedDB.databases().catch(() => []) : [];
  return listed.map(({ name }) => name ?? "");
}

/** Every database this account's copies live in: the registry, and what the browser lists. */
async function copiesOf(userId: string): Promise<string[]> {
  const found = (await databaseNames()).filter((name) => name.startsWith(namePrefix(userId)));
  return [...new Set([...registered(userId), ...found])];
}

const settle = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/** The unconfirmed-edit count a closed document's copy holds (CollabSession keeps it in "custom"). */
async function storedUnsynced(name: string): Promise<number> {
  const db = await settle(indexedDB.open(name));
  try {
    if (!db.objectStoreNames.contains("custom")) return 0;
    const count: unknown = await settle(db.transaction("custom").objectStore("custom").get("unconfirmed"));
    return typeof count === "number" ? count : 0;
  } finally {
    db.close();
  }
}

/** Edits on this device the server has not confirmed: in open documents and in closed copies. */
export async function unsyncedChanges(userId: string): Promise<number> {
  const open = [...openSessions];
  const openNames = new Set(open.map((session) => session.storageName));
  const closed = (await copiesOf(userId)).filter((name) => !openNames.has(name));
  const stored = await Promise.all(closed.map((name) => storedUnsynced(name).catch(() => 0)));
  return [...open.map((session) => session.unsyncedChanges()), ...stored].reduce((a, b) => a + b, 0);
}

/** Resolves once no open document has unconfirmed edits (it waits on through a dropped connection). */
export function openDocumentsSynced(): Promise<void> {
  return new Promise((resolve) => {
    const sessions = [...openSessions];
    const unsubscribes = sessions.map((session) => session.subscribe(check));
    function check() {
      if (sessions.some((session) => session.getStatus().unsyncedChanges)) return;
      for (const unsubscribe of unsubscribes) unsubscribe();
      resolve();
    }
    check();
  });
}

/** Closes the open documents and deletes every copy this account has on the device. */
export async function removeDeviceCopies(userId: string): Promise<void> {
  for (const session of openSessions) session.destroy();
  openSessions.clear();
  const names = await copiesOf(userId);
  await Promise.all(names.map((name) => settle(indexedDB.deleteDatabase(name))));
  localStorage.removeItem(registryKey(userId));
}

/**
 * Once an account signs in here, deletes the copies other accounts left on the device (their owner's
 * session ended without signing out). A copy holding edits the server never confirmed stays, as does
 * one whose count cannot be read: deleting it would lose someone's work. It is still never loaded
 * into another account, and goes when its owner signs out here.
 */
export async function removeOtherAccountsCopies(userId: string): Promise<void> {
  const registries = Object.keys(localStorage)
    .filter((key) => key.startsWith(registryPrefix))
    .map((key) => key.slice(registryPrefix.length));
  const listed = (await databaseNames()).flatMap((name) => ownerOf(name) ?? []);
  const owners = new Set([...registries, ...listed]);
  owners.delete(userId);
  for (const owner of owners) {
    const names = await copiesOf(owner);
    const unsynced = await Promise.all(names.map((name) => storedUnsynced(name).catch(() => null)));
    const synced = names.filter((_, index) => unsynced[index] === 0);
    await Promise.all(synced.map((name) => settle(indexedDB.deleteDatabase(name))));
    const kept = names.filter((name) => !synced.includes(name));
    if (kept.length) localStorage.setItem(registryKey(owner), JSON.stringify(kept));
    else localStorage.removeItem(registryKey(owner));
  }
}
