/**
 * WebSocket close codes for /collab refusals. They sit in 4400–4499 because the stock
 * y-websocket client does not reconnect after a 44xx close, so a refused socket stays closed.
 */
export const CLOSE_CODES = {
  notSignedIn: 4401,
  forbidden: 4403,
  notFound: 4404,
  badOrigin: 4406,
  malformed: 4400,
  tooLarge: 4413,
  tooManyQueued: 4429,
  /** The account already has LIMITS.maxSocketsPerUser sockets open. Not an HTTP status on purpose: 4429 was taken. */
  tooManySockets: 4420,
  /** The server is shutting down or failed to load the document: the client may retry later. */
  unavailable: 4503,
  /** The member's role or sector changed: reconnecting authorizes the socket afresh. Retried. */
  accessChanged: 4509,
  /**
   * The socket read too slowly and the server stopped buffering for it. In the retried 45xx range:
   * reconnecting resyncs the document.
   */
  tooSlow: 4529,
  /**
   * Sent by `ws` itself (RFC 6455 "message too big") when a frame exceeds the server's maxPayload.
   * Outside 44xx, so clients must treat it as a refusal themselves: resending the same frame fails again.
   */
  messageTooBig: 1009,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
