import type { CollabSession } from "./CollabSession";

/**
 * The copies of collaborative documents Cocrea keeps on this device (IndexedDB, one database per
 * user and document), and their removal at sign-out so the next person at a shared computer finds
 * none of them. Each name carries the user id, so one account never loads another's copy.
 */

const namePrefix = (userId: string) => `cocrea:${userId}:`;
/** localStorage key listing the databases opened for one account (for browsers without `indexedDB.databases()`). */
const registryKey = (userId: string) => `cocrea:device-copies:${userId}`;

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

/** Every database this account's copies live in: the registry, and what the browser lists. */
async function copiesOf(userId: string): Promise<string[]> {
  const listed = indexedDB.databases ? await indexedDB.databases().catch(() => []) : [];
  const found = listed.map(({ name }) => name ?? "").filter((name) => name.startsWith(namePrefix(userId)));
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
