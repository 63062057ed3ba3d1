import type { AwarenessUser } from "@shared/collab";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { CollabSession, type CollabStatus } from "~/editor/CollabSession";
import { deviceCopyName, trackSession } from "~/editor/deviceCopies";

export interface CollabDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  status: CollabStatus;
}

interface Options {
  /** Drafters and facilitators write; everyone else reads (the server enforces it too). */
  canWrite: boolean;
  /** The signed-in member, shown to others beside their caret and in the presence list. */
  user: AwarenessUser;
  /** Re-reads the membership when the server says it changed; the socket reconnects after it settles. */
  onAccessChanged?(): Promise<void>;
  /** Fetches the document as stored, to show before the socket has synced (see CollabSession). */
  loadInitialState?(): Promise<Uint8Array | null>;
}

const collabUrl = () => `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/collab`;

const INITIAL_STATUS: CollabStatus = {
  connection: "connecting",
  unsyncedChanges: false,
  refusal: null,
  localLoaded: false,
  serverLoaded: false,
};

/**
 * Owns one collaborative document for as long as the component is mounted: the Y.Doc, its copy on
 * this device (IndexedDB, kept per user so a shared computer never mixes two people's edits, and
 * removed at sign-out: see deviceCopies.ts), the
 * connection to /collab/<docName> and its status. Null until the session exists (first effect).
 */
export function useCollabDoc(
  docName: string,
  { canWrite, user, onAccessChanged, loadInitialState }: Options,
): CollabDoc | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  // A ref, so a new callback does not start a new session.
  const accessChanged = useRef(onAccessChanged);
  useEffect(() => {
    accessChanged.current = onAccessChanged;
  }, [onAccessChanged]);

  const initialState = useRef(loadInitialState);
  useEffect(() => {
    initialState.current = loadInitialState;
  }, [loadInitialState]);

  useEffect(() => {
    const created = new CollabSession({
      initialState: initialState.current?.(),
      serverUrl: collabUrl(),
      docName,
      canWrite,
      storageName: deviceCopyName(user.id, docName),
      onAccessChanged: async () => {
        await accessChanged.current?.();
      },
    });
    const goOnline = () => created.setOnline(true);
    const goOffline = () => created.setOnline(false);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    const untrack = trackSession(created);
    setSession(created);
    return () => {
      untrack();
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      created.destroy();
      setSession(null);
    };
  }, [docName, canWrite, user.id]);

  const { name, sector, color, id } = user;
  useEffect(() => {
    session?.provider.awareness.setLocalStateField("user", { id, name, sector, color });
  }, [session, id, name, sector, color]);

  const status = useSyncExternalStore(
    session?.subscribe ?? noSubscription,
    session?.getStatus ?? initialStatus,
  );
  if (!session) return null;
  return { doc: session.doc, provider: session.provider, awareness: session.provider.awareness, status };
}

const noSubscription = () => () => {};
const initialStatus = () => INITIAL_STATUS;
