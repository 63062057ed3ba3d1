/** Limits shared by client and server; the server enforces every one of them. */
export const LIMITS = {
  /** Largest JSON body any REST route accepts. */
  maxJsonBodyBytes: 64 * 1024,
  /** Largest single WebSocket message on /collab (ws maxPayload). */
  maxCollabMessageBytes: 1024 * 1024,
  /** Largest encoded Yjs document the server keeps. */
  maxDocumentBytes: 16 * 1024 * 1024,
  /** Bytes a socket may send before its upgrade has been authorized. */
  maxPreAuthQueuedBytes: 256 * 1024,
  /**
   * Messages a socket may send before its upgrade has been authorized. A stock client sends a
   * frame per keystroke and caret move from the moment it connects, and a server that has just
   * restarted authorizes every reconnecting socket at once; the bytes above bound the memory.
   */
  maxPreAuthQueuedMessages: 512,
  /**
   * Bytes a member's socket may send, once authorized, while its document loads: a client that
   * typed offline reconnects and goes on typing (a frame per keystroke) while a restarted server
   * reloads every document at once.
   */
  maxLoadingQueuedBytes: 4 * 1024 * 1024,
  /** Messages a member's socket may send, once authorized, while its document loads. */
  maxLoadingQueuedMessages: 2048,
  /** Bytes the server lets pile up unsent to one slow socket before closing it. */
  maxSendBufferedBytes: 8 * 1024 * 1024,
  /** Sync requests of one socket waiting for the group commit before the server answers them. */
  maxPendingRepliesPerSocket: 64,
  /** Largest awareness state (presence, caret) of one client, as JSON. */
  maxAwarenessStateBytes: 8 * 1024,
  /** Awareness client ids one socket may speak for (a stock provider uses one). */
  maxAwarenessClientsPerSocket: 4,
  /**
   * /collab sockets one account may have open at once (per server process): a browser holds one
   * per open plan or meeting tab; more is a script. The next is closed with 4420.
   */
  maxSocketsPerUser: 32,
  /**
   * Live public draft sockets (signed-out readers) one address may have open at once: a household
   * or an office behind one address reads in a few tabs; more is a script. The next is closed with 4420.
   */
  maxPublicReadersPerAddress: 16,
  /** Bytes the server lets pile up unsent to one public reader before letting it go (it then polls). */
  maxPublicReaderBufferedBytes: 1024 * 1024,
  /** Workspace event streams one account may have open at once; the next is refused with 429. */
  maxEventStreamsPerUser: 16,
  nameMaxLength: 120,
  emailMaxLength: 254,
  passwordMinLength: 10,
  passwordMaxLength: 256,
  organizationMaxLength: 200,
  workspaceNameMaxLength: 160,
  /** OGP Local asks for up to five commitments; a workspace may lower or raise it within bounds. */
  defaultMaxCommitments: 5,
  maxCommitmentsCeiling: 20,
} as const;
