import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Log } from "../ops/log";

export { REDIS_PREFIX } from "./prefix";

/** A channel subscription: `ready` resolves once Redis confirmed it (later publishes reach it). */
export interface Listening {
  ready: Promise<void>;
  stop(): void;
}

export interface RedisLinkOptions {
  log: Log;
  /** Counts each Redis error (a failed command, a lost connection) for /metrics. */
  countError(operation: string): void;
}

/**
 * This instance's connection to the Redis that several Cocrea instances share: one connection for
 * commands and publishing, one for subscriptions (a subscribed Redis connection can do nothing
 * else). Publishes leave in the order they are made, and Redis delivers one publisher's messages in
 * that order. Each instance has a random id; what it publishes carries it, so it can skip its own.
 */
export class RedisLink {
  readonly instanceId = randomUUID();
  readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, (message: Buffer) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private closed = false;

  constructor(
    url: string,
    private readonly options: RedisLinkOptions,
  ) {
    // Commands wait through a short outage (retried on reconnect) but not forever: a sign-in or a
    // publish fails after a few tries rather than hanging, and /healthz says Redis is down meanwhile.
    const settings = { maxRetriesPerRequest: 3, connectionName: `cocrea-${this.instanceId}` };
    this.commands = new Redis(url, settings);
    this.subscriber = new Redis(url, settings);
    for (const client of [this.commands, this.subscriber]) {
      // Every error is counted; only the first of an outage is logged, not each retry of it.
      let reported = false;
      client.on("ready", () => {
        if (reported) options.log.warn("redis: connected again");
        reported = false;
      });
      client.on("error", (error: Error) => {
        if (this.closed) return;
        options.countError("connection");
        if (!reported) options.log.error({ err: error }, "redis: connection error; retrying");
        reported = true;
      });
    }
    this.subscriber.on("messageBuffer", (channel: Buffer, message: Buffer) => {
      this.handlers.get(channel.toString())?.(message);
    });
    // ioredis subscribes again by itself after a reconnect; what was published meanwhile was lost,
    // so listeners catch up from the database.
    let connectedBefore = false;
    this.subscriber.on("ready", () => {
      if (connectedBefore) {
        // Including channels whose SUBSCRIBE failed during the outage (ioredis renews only the others).
        const channels = [...this.handlers.keys()];
        if (channels.length > 0)
          this.subscriber.subscribe(...channels).catch((error) => this.failed("subscribe", error));
        for (const listener of this.reconnectListeners) listener();
      }
      connectedBefore = true;
    });
  }

  /** Delivers every message published on `channel` (by any instance) to `handler`. One handler per channel. */
  listen(channel: string, handler: (message: Buffer) => void): Listening {
    if (this.handlers.has(channel)) throw new Error(`already listening on ${channel}`);
    this.handlers.set(channel, handler);
    const ready = this.subscriber.subscribe(channel).then(
      () => {},
      (error: unknown) => {
        this.failed("subscribe", error);
        throw error;
      },
    );
    // A caller that does not wait for `ready` must not see an unhandled rejection.
    ready.catch(() => {});
    return {
      ready,
      stop: () => {
        if (this.handlers.get(channel) !== handler) return;
        this.handlers.delete(channel);
        if (!this.closed)
          this.subscriber.unsubscribe(channel).catch((error) => this.failed("unsubscribe", error));
      },
    };
  }

  /**
   * Resolves once both connections are up and every subscription asked for so far is confirmed
   * (Redis answers one connection's commands in order, so a PING comes back after them).
   */
  async ready(): Promise<void> {
    await Promise.all([this.commands.ping(), this.subscriber.ping()]);
  }

  /** Publishes without waiting; a failure is counted and logged (the database already holds what it tells). */
  publish(channel: string, message: Buffer | string): void {
    this.commands.publish(channel, message).catch((error) => this.failed("publish", error));
  }

  /** Calls `listener` each time the subscriptions come back after a lost connection. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => void this.reconnectListeners.delete(listener);
  }

  /** Counts and logs a failed Redis operation. */
  failed(operation: string, error: unknown): void {
    if (this.closed) return;
    this.options.countError(operation);
    this.options.log.error({ err: error, operation }, `redis: ${operation} failed`);
  }

  /** For /healthz: rejects unless both connections are up and Redis answers a PING within `timeoutMs`. */
  async check(timeoutMs = 1000): Promise<void> {
    if (this.commands.status !== "ready" || this.subscriber.status !== "ready") {
      throw new Error(`redis connection is ${this.commands.status}/${this.subscriber.status}`);
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("redis did not answer PING in time")), timeoutMs);
    });
    try {
      await Promise.race([this.commands.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes both connections; what is queued is dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.clear();
    this.reconnectListeners.clear();
    this.commands.disconnect();
    this.subscriber.disconnect();
  }
}
