import { performance } from "node:perf_hooks";
import { getPlan, planDocName, type RichTextJson } from "@shared/plan";
import { type PublicLiveFrame, publicLivePath } from "@shared/publicLive";
import WebSocket from "ws";
import * as Y from "yjs";
import { type CpuUse, startCpuMeter } from "./cpuMeter";
import { LoadClient, openClients, received } from "./loadClient";
import { type ServerUnderTest, sampleMemory } from "./servers";
import { type Percentiles, Samples, summarize } from "./stats";

/**
 * Scenario 4 (issue 15): signed-out readers of one live draft while drafters type. On the reference
 * server the readers are y-websocket clients of the plan's document (it has no other way to read);
 * on Cocrea they hold the read-only public socket (`/collab/public/<slug>/draft`), which sends the
 * rendered draft as JSON, while the drafters are members on `/collab`.
 */
export interface ReadersLoad {
  readers: number;
  drafters: number;
  /** Readers whose deliveries are measured, spread evenly over the connection order. */
  measuredReaders: number;
  keysPerSecond: number;
  durationMs: number;
  warmupMs: number;
  connectConcurrency: number;
}

export interface ReadersResult {
  delivery: Percentiles;
  deliveredShare: number;
  keystrokesPerSecond: number;
  readersConnected: number;
  failures: string[];
  rssIdleBytes: number;
  rssBeforeReadersBytes: number;
  rssWithReadersBytes: number;
  rssPeakBytes: number;
  cpu: CpuUse;
  /** Bytes the readers received per second in the window (all readers). */
  readerBytesPerSecond: number;
}

/** How drafters and readers reach the server under test. */
export interface ReadersTarget {
  server: ServerUnderTest;
  drafterUrl: string;
  origin?: string;
  cookies: string[];
  /** Cocrea: the public socket's URL; the reference: null (readers are y-websocket clients). */
  publicUrl: string | null;
}

const SENTENCE = "the city publishes every contract and budget line as open data. ";
const MARK = (i: number) => `D${i}:`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A drafter typing at the end of its own vision paragraph, which starts with its mark. */
class Drafter {
  readonly doc = new Y.Doc();
  text: Y.XmlText | null = null;
  /** Send time of each keystroke by its index, and by the Yjs clock of its character. */
  readonly sentByKey: Float64Array;
  readonly sentByClock: Float64Array;
  keystrokes = 0;
  nextKeyAt = 0;
  private pendingClock = -1;
  readonly client: LoadClient;

  constructor(
    readonly index: number,
    target: ReadersTarget,
    capacity: number,
  ) {
    this.sentByKey = new Float64Array(capacity);
    this.sentByClock = new Float64Array(capacity + 64);
    this.client = new LoadClient({
      endpoint: {
        url: target.drafterUrl,
        origin: target.origin,
        cookie: target.cookies[index % target.cookies.length],
      },
      doc: this.doc,
    });
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (this.client.isRemoteOrigin(origin)) return;
      if (this.pendingClock >= 0 && this.pendingClock < this.sentByClock.length)
        this.sentByClock[this.pendingClock] = this.sentByKey[this.keystrokes - 1] = performance.now();
      this.pendingClock = -1;
      this.client.sendUpdate(update);
    });
  }

  /** Creates the paragraph, with its mark, once synced. */
  start(): void {
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText(MARK(this.index));
    paragraph.insert(0, [text]);
    const vision = getPlan(this.doc).vision;
    vision.insert(vision.length, [paragraph]);
    this.text = text;
  }

  type(): void {
    if (!this.text || this.keystrokes >= this.sentByKey.length) return;
    this.pendingClock = Y.getState(this.doc.store, this.doc.clientID);
    this.keystrokes++;
    this.text.insert(this.text.length, SENTENCE[(this.keystrokes - 1) % SENTENCE.length] ?? " ");
  }
}

/** What one measured reader has seen of each drafter: keystrokes (reader of text) or clocks (Yjs). */
class Tally {
  readonly seen: number[];
  constructor(
    drafters: number,
    private readonly window: { start: number; end: number },
    private readonly latencies: Samples,
    readonly arrived: Uint32Array,
  ) {
    this.seen = new Array(drafters).fill(0);
  }

  /** Keystrokes `seen..upTo` of drafter `d`, whose send times are `sent`, arrived at `at`. */
  record(d: number, upTo: number, sent: Float64Array, at: number): void {
    for (let k = this.seen[d] ?? 0; k < upTo && k < sent.length; k++) {
      const sentAt = sent[k] ?? 0;
      if (sentAt < this.window.start || sentAt >= this.window.end) continue;
      this.latencies.push(at - sentAt);
      this.arrived[d] = (this.arrived[d] ?? 0) + 1;
    }
    if (upTo > (this.seen[d] ?? 0)) this.seen[d] = upTo;
  }
}

/** The text of a rendered paragraph. */
const paragraphText = (block: RichTextJson): string =>
  (block.content ?? []).map((t) => t.text ?? "").join("");

/** A signed-out reader of Cocrea's public socket; only measured readers parse what they get. */
class PublicReader {
  readonly ws: WebSocket;
  readonly ready: Promise<void>;
  bytes = 0;
  constructor(url: string, origin: string | undefined, onFrame: ((text: string, at: number) => void) | null) {
    this.ws = new WebSocket(url, { origin, perMessageDeflate: false, handshakeTimeout: 60_000 });
    this.ready = new Promise((resolve, reject) => {
      this.ws.once("message", () => resolve());
      this.ws.once("error", reject);
      this.ws.once("close", (code) => reject(new Error(`closed with ${code} before the first frame`)));
    });
    this.ready.catch(() => {});
    this.ws.on("message", (data: Buffer) => {
      this.bytes += data.length;
      onFrame?.(data.toString(), performance.now());
    });
  }
}

/** Measures RSS once the server has settled (a short pause after connecting). */
async function settledRss(server: ServerUnderTest): Promise<number> {
  await sleep(2000);
  return server.rssBytes();
}

export async function runReaders(target: ReadersTarget, load: ReadersLoad): Promise<ReadersResult> {
  const { server } = target;
  const memory = sampleMemory(server);
  const rssIdleBytes = server.rssBytes();
  const capacity = Math.ceil((load.durationMs / 1000) * load.keysPerSecond * 1.5) + 64;
  const window = { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY };
  const latencies = new Samples();
  const drafters = Array.from({ length: load.drafters }, (_, i) => new Drafter(i, target, capacity));
  await Promise.all(drafters.map((d) => d.client.synced));
  for (const drafter of drafters) drafter.start();
  await sleep(500);
  const rssBeforeReadersBytes = await settledRss(server);

  const step = load.readers / load.measuredReaders;
  const measured = new Set(Array.from({ length: load.measuredReaders }, (_, i) => Math.floor(i * step)));
  const tallies: Tally[] = [];
  const arrivedPerDrafter = new Uint32Array(load.drafters);
  const byClient = new Map(drafters.map((d) => [d.doc.clientID, d]));
  let readerBytes = 0;
  const failures: string[] = [];
  let readersConnected = 0;
  const publicReaders: PublicReader[] = [];
  let yjsReaders: (LoadClient | undefined)[] = [];

  if (target.publicUrl) {
    const url = target.publicUrl;
    let next = 0;
    const worker = async () => {
      while (next < load.readers) {
        const index = next++;
        let onFrame: ((text: string, at: number) => void) | null = null;
        if (measured.has(index)) {
          const tally = new Tally(load.drafters, window, latencies, arrivedPerDrafter);
          tallies.push(tally);
          onFrame = (text, at) => {
            const frame = JSON.parse(text) as PublicLiveFrame;
            const blocks =
              frame.t === "plan"
                ? (frame.plan.vision.content ?? [])
                : frame.t === "rich" && frame.field === "vision"
                  ? (frame.value.content ?? [])
                  : frame.t === "block" && frame.field === "vision"
                    ? [frame.value]
                    : [];
            for (const paragraph of blocks.map(paragraphText)) {
              const match = /^D(\d+):/.exec(paragraph);
              const drafter = match ? drafters[Number(match[1])] : undefined;
              if (!drafter || !match) continue;
              tally.record(drafter.index, paragraph.length - match[0].length, drafter.sentByKey, at);
            }
          };
        }
        const reader = new PublicReader(url, target.origin, onFrame);
        publicReaders.push(reader);
        try {
          await reader.ready;
          readersConnected++;
        } catch (error) {
          failures.push(`reader ${index}: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: load.connectConcurrency }, worker));
  } else {
    const opened = await openClients(
      load.readers,
      (index) => {
        let onUpdate: ((update: Uint8Array, at: number) => void) | undefined;
        if (measured.has(index)) {
          const tally = new Tally(load.drafters, window, latencies, arrivedPerDrafter);
          tallies.push(tally);
          onUpdate = (update, at) => {
            const meta = Y.parseUpdateMeta(update);
            for (const [clientId, to] of meta.to) {
              const drafter = byClient.get(clientId);
              if (drafter) tally.record(drafter.index, to, drafter.sentByClock, at);
            }
          };
        }
        return new LoadClient({ endpoint: { url: target.drafterUrl }, onUpdate });
      },
      load.connectConcurrency,
    );
    yjsReaders = opened.clients;
    readersConnected = opened.setupMs.length;
    failures.push(...opened.failures);
  }
  const rssWithReadersBytes = await settledRss(server);

  const period = 1000 / load.keysPerSecond;
  const startedAt = performance.now();
  for (const drafter of drafters) drafter.nextKeyAt = startedAt + Math.random() * period;
  window.start = startedAt + load.warmupMs;
  window.end = startedAt + load.durationMs;
  let cpuMeter: ReturnType<typeof startCpuMeter> | null = null;
  let cpu: CpuUse = { server: 0, loadGenerator: 0, others: 0 };
  // The Yjs readers' bytes come from the load clients' shared count (which also holds the drafters'
  // echoes on the reference, a small share: 10 of 1,010 sockets).
  const bytesNow = () =>
    target.publicUrl ? publicReaders.reduce((sum, r) => sum + r.bytes, 0) : received.bytes;
  let bytesAtStart = 0;
  await new Promise<void>((resolve) => {
    const ticker = setInterval(() => {
      const now = performance.now();
      if (!cpuMeter && now >= window.start) {
        cpuMeter = startCpuMeter(server);
        bytesAtStart = bytesNow();
      }
      if (now >= window.end) {
        cpu = cpuMeter?.stop() ?? cpu;
        readerBytes = bytesNow() - bytesAtStart;
        clearInterval(ticker);
        resolve();
        return;
      }
      for (const drafter of drafters) {
        if (drafter.nextKeyAt > now) continue;
        drafter.type();
        drafter.nextKeyAt = Math.max(drafter.nextKeyAt + period, now);
      }
    }, 5);
  });

  let inWindow = 0;
  for (const drafter of drafters)
    for (const sentAt of drafter.sentByKey) if (sentAt >= window.start && sentAt < window.end) inWindow++;
  const expected = inWindow * tallies.length;
  const arrived = () => arrivedPerDrafter.reduce((a, b) => a + b, 0);
  const drainUntil = performance.now() + 10_000;
  while (arrived() < expected && performance.now() < drainUntil) await sleep(200);

  for (const reader of publicReaders) reader.ws.terminate();
  for (const reader of yjsReaders) reader?.close();
  for (const drafter of drafters) drafter.client.close();
  return {
    delivery: summarize(latencies.values()),
    deliveredShare: expected === 0 ? 0 : arrived() / expected,
    keystrokesPerSecond: inWindow / ((window.end - window.start) / 1000),
    readersConnected,
    failures,
    rssIdleBytes,
    rssBeforeReadersBytes,
    rssWithReadersBytes,
    rssPeakBytes: memory.stop(),
    cpu,
    readerBytesPerSecond: readerBytes / ((window.end - window.start) / 1000),
  };
}

/**
 * What one more member socket costs Cocrea: `count` y-websocket clients of the plan (members'
 * cookies), RSS settled before and after. Run on a fresh server so the readers' memory is not reused.
 */
export async function memberSocketCost(
  server: ServerUnderTest,
  workspaceId: string,
  cookies: string[],
  count: number,
  concurrency: number,
): Promise<{ perSocketBytes: number; failures: number }> {
  const url = `ws://127.0.0.1:${server.port}/collab/${planDocName(workspaceId)}`;
  const first = new LoadClient({ endpoint: { url, origin: server.origin, cookie: cookies[0] } });
  await first.synced;
  const before = await settledRss(server);
  const opened = await openClients(
    count,
    (i) => new LoadClient({ endpoint: { url, origin: server.origin, cookie: cookies[i % cookies.length] } }),
    concurrency,
  );
  const after = await settledRss(server);
  for (const client of opened.clients) client?.close();
  first.close();
  return { perSocketBytes: (after - before) / opened.setupMs.length, failures: opened.failures.length };
}

/** The public socket's URL of a Cocrea workspace's draft. */
export const publicDraftUrl = (server: ServerUnderTest, slug: string): string =>
  `ws://127.0.0.1:${server.port}${publicLivePath(slug, "draft")}`;
