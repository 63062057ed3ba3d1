import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "../config";

export type Log = Logger;

/**
 * Field names whose values never reach a log line, wherever they sit (one level down too). Code
 * never hands a logger a request's headers or body, a cookie or a document's content in the
 * first place; this is the second line of defence.
 */
const SECRET_FIELDS = ["password", "token", "cookie", "authorization", "session", "sessionId", "content"];

/**
 * The server's logger: one JSON object per line on stdout (or on `destination`, for tests), the
 * format log collectors (journald, Loki, CloudWatch…) read as is.
 */
export function createLog(level: LogLevel, destination?: DestinationStream): Log {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `*.${field}`)],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
