import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Live figures read when /metrics is scraped; each part of the server plugs its own in. */
export interface MetricSources {
  sockets: () => number;
  documents: () => number;
}

/** Cocrea's Prometheus metrics, one registry per server (tests run several in one process). */
export interface Metrics {
  registry: Registry;
  sources: MetricSources;
  /** Workspace event streams (SSE) open now: each stream counts itself in and out. */
  eventStreams: Gauge;
  httpRequests: Counter<"method" | "route" | "status">;
  updatesReceived: Counter;
  updatesStored: Counter;
  /** Seconds from an update's arrival to the commit that makes it durable (and relayable). */
  commitLatency: Histogram;
  databaseErrors: Counter<"operation">;
  /** Redis commands and connections that failed (a cluster only). */
  redisErrors: Counter<"operation">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // CPU, memory, event-loop delay, garbage collection: what explains a slow instance.
  collectDefaultMetrics({ register: registry, prefix: "cocrea_" });
  const sources: MetricSources = { sockets: () => 0, documents: () => 0 };
  const registers = [registry];
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        this.set(read());
      },
    });
  gauge("cocrea_open_sockets", "Collaboration WebSockets open now.", () => sources.sockets());
  gauge("cocrea_loaded_documents", "Collaborative documents in memory now.", () => sources.documents());
  return {
    registry,
    sources,
    eventStreams: new Gauge({
      name: "cocrea_event_stream_clients",
      help: "Workspace event streams (SSE) open now.",
      registers,
    }),
    httpRequests: new Counter({
      name: "cocrea_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status.",
      labelNames: ["method", "route", "status"],
      registers,
    }),
    updatesReceived: new Counter({
      name: "cocrea_updates_received_total",
      help: "Document updates applied from clients and server changes (rate() gives updates per second).",
      registers,
    }),
    updatesStored: new Counter({
      name: "cocrea_updates_stored_total",
      help: "Document updates committed to the database.",
      registers,
    }),
    commitLatency: new Histogram({
      name: "cocrea_commit_latency_seconds",
      help: "From an update's arrival to its group commit; it is relayed only after.",
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    databaseErrors: new Counter({
      name: "cocrea_database_errors_total",
      help: "Database operations that failed, by operation.",
      labelNames: ["operation"],
      registers,
    }),
    redisErrors: new Counter({
      name: "cocrea_redis_errors_total",
      help: "Redis operations that failed and connection errors, by operation (several instances only).",
      labelNames: ["operation"],
      registers,
    }),
  };
}
