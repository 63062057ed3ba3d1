import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import * as Y from "yjs";
import { type CpuUse, startCpuMeter } from "./cpuMeter";
import { LoadClient, openClients, received } from "./loadClient";
import { newVisionParagraph, visionLength } from "./planText";
import { sampleMemory } from "./servers";
import { type Percentiles, Samples, summarize } from "./stats";
import type { Target } from "./targets";

/** The shape of a typing load: `docs` documents, each with `clientsPerDoc` sockets. */
export interface TypingLoad {
  docs: number;
  clientsPerDoc: number;
  /** The first `typistsPerDoc` clients of each document type; the others only receive. */
  typistsPerDoc: number;
  /** How many documents have measured receivers (spread evenly over all documents). */
  sampledDocs: number;
  /** Measured receivers in each sampled document (spread evenly over its clients). */
  receiversPerSampledDoc: number;
  keysPerSecond: number;
  /** Typing time; keystrokes sent in the first `warmupMs` are not measured. */
  durationMs: number;
  warmupMs: number;
  connectConcurrency: number;
}

export interface TypingResult {
  /** Send-to-arrival time of every (keystroke, measured receiver) pair. */
  delivery: Percentiles;
  /** Per keystroke, the time until the last measured receiver of its document had it. */
  allReceivers: Percentiles;
  /** On a cluster, the deliveries whose receiver is on another instance than the typist. */
  crossInstance: Percentiles | null;
  keystrokesPerSecond: number;
  /** Update messages the server delivered per second to sockets other than their sender, in the window. */
  updateMessagesPerSecond: number;
  /** Share of expected (keystroke, measured receiver) deliveries that arrived before the drain timeout. */
  deliveredShare: number;
  sockets: number;
  connect: { wallMs: number; perSocket: Percentiles; failures: string[] };
  rssIdleBytes: number;
  rssPeakBytes: number;
  cpu: CpuUse;
  loadGeneratorLagP99Ms: number;
  /** Verifying replicas (one per sampled document) that do not hold exactly what was typed into it. */
  verifiers: number;
  diverged: string[];
}

const SENTENCE = "the city publishes every contract and budget line as open data. ";
const DRAIN_TIMEOUT_MS = 15_000;
/** The lag histogram's sampling interval; it counts this interval in every sample, so it is subtracted. */
const LAG_RESOLUTION_MS = 5;

/** One person typing: their replica, their paragraph, and when each of their keystrokes left. */
class Typist {
  readonly text: Y.XmlText;
  /** Send time of each keystroke, indexed by the Yjs clock of its character. */
  readonly sentAt: Float64Array;
  /** How many measured receivers got each keystroke, and the latest arrival. */
  readonly arrivals: Uint16Array;
  readonly lastArrival: Float64Array;
  expectedReceivers = 0;
  nextKeyAt = 0;
  keystrokes = 0;
  private pendingClock = -1;

  constructor(
    readonly client: LoadClient,
    readonly doc: Y.Doc,
    readonly docIndex: number,
    capacity: number,
    /** The cluster instance it types on (0 on a single server). */
    readonly instance: number,
  ) {
    this.sentAt = new Float64Array(capacity);
    this.arrivals = new Uint16Array(capacity);
    this.lastArrival = new Float64Array(capacity);
    this.text = newVisionParagraph(doc);
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (client.isRemoteOrigin(origin)) return;
      if (this.pendingClock >= 0 && this.pendingClock < capacity)
        this.sentAt[this.pendingClock] = performance.now();
      this.pendingClock = -1;
      client.sendUpdate(update);
    });
  }

  /** Sends the paragraph created in the constructor (not a keystroke). */
  announce(): void {
    this.client.sendUpdate(Y.encodeStateAsUpdate(this.doc));
  }

  type(): void {
    this.pendingClock = Y.getState(this.doc.store, this.doc.clientID);
    this.text.insert(this.text.length, SENTENCE[this.keystrokes % SENTENCE.length] ?? " ");
    this.keystrokes++;
  }
}

/** A measured receiver: records, for each keystroke it receives, how long it took to arrive. */
class Receiver {
  /** Per typing client, the clock up to which this receiver has seen its characters. */
  private readonly seen = new Map<number, number>();

  constructor(
    private readonly typists: Map<number, Typist>,
    private readonly window: { start: number; end: number },
    private readonly latencies: Samples,
    /** Where deliveries from a typist on another instance than `instance` are also recorded. */
    private readonly crossInstance: { instance: number; latencies: Samples } | null,
  ) {}

  onUpdate(update: Uint8Array, arrivedAt: number): void {
    const meta = Y.parseUpdateMeta(update);
    for (const [clientId, to] of meta.to) {
      const typist = this.typists.get(clientId);
      if (!typist) continue;
      const from = Math.max(meta.from.get(clientId) ?? 0, this.seen.get(clientId) ?? 0);
      for (let clock = from; clock < to && clock < typist.sentAt.length; clock++) {
        const sentAt = typist.sentAt[clock] ?? 0;
        if (sentAt < this.window.start || sentAt >= this.window.end) continue;
        const latency = arrivedAt - sentAt;
        this.latencies.push(latency);
        if (this.crossInstance && this.crossInstance.instance !== typist.instance)
          this.crossInstance.latencies.push(latency);
        typist.arrivals[clock] = (typist.arrivals[clock] ?? 0) + 1;
        typist.lastArrival[clock] = Math.max(typist.lastArrival[clock] ?? 0, latency);
      }
      if (to > (this.seen.get(clientId) ?? 0)) this.seen.set(clientId, to);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Indices `count` of `total`, spread evenly (0, total/count, …). */
function spread(total: number, count: number): Set<number> {
  const picked = new Set<number>();
  for (let i = 0; i < Math.min(count, total); i++)
    picked.add(Math.floor((i * total) / Math.min(count, total)));
  return picked;
}

/**
 * Runs a typing load against one server: connects every socket, lets the typists type at a human
 * pace, measures delivery at the sampled receivers, then disconnects everyone.
 */
export async function runTyping(target: Target, load: TypingLoad): Promise<TypingResult> {
  const { server } = target;
  const memory = sampleMemory(server);
  const rssIdleBytes = server.rssBytes();
  const window = { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY };
  const latencies = new Samples();
  const crossLatencies = new Samples();
  const instanceOf = target.instanceOf;
  const typists = new Map<number, Typist>();
  const typistList: Typist[] = [];
  const verifiers: { doc: Y.Doc; docIndex: number }[] = [];
  const sampledDocs = spread(load.docs, load.sampledDocs);
  // Measured receivers are people who only read, when there are any, so that no sample is an echo.
  const readers = load.clientsPerDoc - load.typistsPerDoc;
  const sampledClients =
    readers > 0
      ? new Set([...spread(readers, load.receiversPerSampledDoc)].map((i) => load.typistsPerDoc + i))
      : spread(load.clientsPerDoc, load.receiversPerSampledDoc);
  const firstReceiver = Math.min(...sampledClients);
  const capacity = Math.ceil((load.durationMs / 1000) * load.keysPerSecond * 1.5) + 64;

  const createClient = (index: number): LoadClient => {
    const docIndex = Math.floor(index / load.clientsPerDoc);
    const clientIndex = index % load.clientsPerDoc;
    const isTypist = clientIndex < load.typistsPerDoc;
    const isReceiver = sampledDocs.has(docIndex) && sampledClients.has(clientIndex);
    // The first measured receiver of a sampled document also applies every update, to verify convergence.
    const isVerifier = isReceiver && clientIndex === firstReceiver;
    const doc = isTypist || isVerifier ? new Y.Doc() : undefined;
    const instance = instanceOf?.(docIndex, clientIndex) ?? 0;
    const receiver = isReceiver
      ? new Receiver(typists, window, latencies, instanceOf ? { instance, latencies: crossLatencies } : null)
      : null;
    const client = new LoadClient({
      endpoint: target.endpoint(docIndex, clientIndex),
      doc,
      applyUpdates: isVerifier,
      onUpdate: receiver ? (update, at) => receiver.onUpdate(update, at) : undefined,
    });
    if (doc && isVerifier) verifiers.push({ doc, docIndex });
    if (doc && isTypist) {
      // The replica is created only after sync, so that its paragraph follows what the server has.
      void client.synced.then(() => {
        const typist = new Typist(client, doc, docIndex, capacity, instance);
        typist.expectedReceivers = sampledDocs.has(docIndex)
          ? sampledClients.size - (sampledClients.has(clientIndex) ? 1 : 0)
          : 0;
        typists.set(doc.clientID, typist);
        typistList.push(typist);
        typist.announce();
      });
    }
    return client;
  };

  const sockets = load.docs * load.clientsPerDoc;
  const connectStart = performance.now();
  const { clients, setupMs, failures } = await openClients(sockets, createClient, load.connectConcurrency);
  const connect = { wallMs: performance.now() - connectStart, perSocket: summarize(setupMs), failures };
  await sleep(1000); // let the paragraphs settle before anyone types

  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  const period = 1000 / load.keysPerSecond;
  const startedAt = performance.now();
  for (const typist of typistList) typist.nextKeyAt = startedAt + Math.random() * period;
  window.start = startedAt + load.warmupMs;
  window.end = startedAt + load.durationMs;
  let messagesAtStart = 0;
  let messagesAtEnd = 0;
  let cpuMeter: ReturnType<typeof startCpuMeter> | null = null;
  let cpu: CpuUse = { server: 0, loadGenerator: 0, others: 0 };
  let windowOpen = false;
  await new Promise<void>((resolve) => {
    const ticker = setInterval(() => {
      const now = performance.now();
      if (!windowOpen && now >= window.start) {
        windowOpen = true;
        messagesAtStart = received.updateMessages;
        cpuMeter = startCpuMeter(server);
        lag.enable();
      }
      if (now >= window.end) {
        messagesAtEnd = received.updateMessages;
        cpu = cpuMeter?.stop() ?? cpu;
        lag.disable();
        clearInterval(ticker);
        resolve();
        return;
      }
      for (const typist of typistList) {
        if (typist.nextKeyAt > now) continue;
        typist.type();
        // A late tick sends one keystroke, not a burst: people do not type faster to catch up.
        typist.nextKeyAt = Math.max(typist.nextKeyAt + period, now);
      }
    }, 5);
  });
  const windowSeconds = (window.end - window.start) / 1000;

  const expected = () => {
    let total = 0;
    let arrived = 0;
    for (const typist of typistList) {
      for (let clock = 0; clock < typist.sentAt.length; clock++) {
        const sentAt = typist.sentAt[clock] ?? 0;
        if (sentAt < window.start || sentAt >= window.end) continue;
        total += typist.expectedReceivers;
        arrived += typist.arrivals[clock] ?? 0;
      }
    }
    return { total, arrived };
  };
  const drainUntil = performance.now() + DRAIN_TIMEOUT_MS;
  while (performance.now() < drainUntil) {
    const { total, arrived } = expected();
    if (arrived >= total) break;
    await sleep(200);
  }
  const { total, arrived } = expected();

  const lastArrivals = new Samples();
  let keystrokesInWindow = 0;
  for (const typist of typistList) {
    for (let clock = 0; clock < typist.sentAt.length; clock++) {
      const sentAt = typist.sentAt[clock] ?? 0;
      if (sentAt < window.start || sentAt >= window.end) continue;
      keystrokesInWindow++;
      if (typist.expectedReceivers > 0 && typist.arrivals[clock] === typist.expectedReceivers)
        lastArrivals.push(typist.lastArrival[clock] ?? 0);
    }
  }
  const typedPerDoc = new Map<number, number>();
  for (const typist of typistList)
    typedPerDoc.set(typist.docIndex, (typedPerDoc.get(typist.docIndex) ?? 0) + typist.keystrokes);
  const lagging = () =>
    verifiers.filter(({ doc, docIndex }) => visionLength(doc) !== (typedPerDoc.get(docIndex) ?? 0));
  // The drain above waits for the measured keystrokes only. A keystroke of the window's last tick
  // can leave just after the window closes (its send time is taken after the tick's check), so it
  // is not measured and may still be on its way: give it the rest of the drain time to arrive.
  while (lagging().length > 0 && performance.now() < drainUntil) await sleep(200);
  const diverged = lagging().map(({ doc, docIndex }) => {
    const pending = doc.store.pendingStructs ? ", with updates it could not place" : "";
    return `plan ${docIndex}: ${visionLength(doc)} characters, ${typedPerDoc.get(docIndex) ?? 0} typed${pending}`;
  });

  for (const client of clients) client?.close();
  const rssPeakBytes = memory.stop();
  return {
    delivery: summarize(latencies.values()),
    allReceivers: summarize(lastArrivals.values()),
    crossInstance: instanceOf ? summarize(crossLatencies.values()) : null,
    keystrokesPerSecond: keystrokesInWindow / windowSeconds,
    updateMessagesPerSecond: (messagesAtEnd - messagesAtStart) / windowSeconds,
    deliveredShare: total === 0 ? 0 : arrived / total,
    sockets: setupMs.length,
    connect,
    rssIdleBytes,
    rssPeakBytes,
    cpu,
    loadGeneratorLagP99Ms: Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS),
    verifiers: verifiers.length,
    diverged,
  };
}
