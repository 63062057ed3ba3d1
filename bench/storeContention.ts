/**
 * The cluster's commit path alone, without sockets, Yjs or Redis: three document stores on three
 * connection pools (as three instances have) appending to one PostgreSQL with fsync on, each as the
 * group commit does — one append in flight per instance, taking everything that arrived meanwhile —
 * and compacting a document after 500 of its own updates (load, then compact, as the shared
 * compaction does). Prints each update's wait from arrival to commit (what the cluster adds before
 * the Redis hop), for scenario 1's shape (one document, 500 updates/s over the three instances) and
 * scenario 2's (500 documents, each written by one instance, 2,500 updates/s).
 *
 * `npx tsx bench/storeContention.ts [seconds=15]`: runs in whichever checkout it is copied to, so
 * the same file measures the store before and after a change.
 */
import { createPostgresDocumentStore } from "../server/store/documentsPostgres";
import { openPostgres } from "../server/store/postgresDb";
import { startPostgresServer } from "../server/test/postgresServer";
import { summarize } from "./stats";

const seconds = Number(process.argv[2] ?? 15);
const INSTANCES = 3;

interface Shape {
  name: string;
  docs: number;
  perSecond: number;
  /** Which instance's clients write document `d`. */
  writers(d: number): number[];
}

const SHAPES: Shape[] = [
  { name: "1. one document, 500 updates/s", docs: 1, perSecond: 500, writers: () => [0, 1, 2] },
  { name: "2. 500 documents, 2,500 updates/s", docs: 500, perSecond: 2500, writers: (d) => [d % INSTANCES] },
];

async function run(shape: Shape): Promise<void> {
  const server = await startPostgresServer({ fsync: true });
  try {
    const url = await server.createDatabase();
    const sqls = await Promise.all(Array.from({ length: INSTANCES }, () => openPostgres(url)));
    const stores = sqls.map((sql) => createPostgresDocumentStore(sql));
    const waits: number[] = [];
    let compactions = 0;
    let stopping = false;
    const instances = stores.map((store, i) => {
      const queue: { doc: string; at: number }[] = [];
      const own = Array.from({ length: shape.docs }, (_, d) => d).filter((d) => shape.writers(d).includes(i));
      const rows = new Map<string, number>();
      let wake: (() => void) | null = null;
      const rate = (shape.perSecond * own.length) / shape.docs / shape.writers(0).length;
      let owed = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        // By the time elapsed, not per tick: a busy machine fires the timer late.
        const now = performance.now();
        owed += (rate * (now - last)) / 1000;
        last = now;
        for (; owed >= 1; owed--) {
          const d = own[Math.floor(Math.random() * own.length)] as number;
          queue.push({ doc: `plan:${d}`, at: performance.now() });
        }
        wake?.();
      }, 10);
      const loop = (async () => {
        while (!stopping) {
          if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          const batch = queue.splice(0);
          if (batch.length === 0) continue;
          await store.append(
            batch.map(({ doc }) => ({ docName: doc, userId: `u${i}`, update: new Uint8Array(24).fill(i) })),
          );
          const now = performance.now();
          for (const { at } of batch) waits.push(now - at);
          for (const { doc } of batch) rows.set(doc, (rows.get(doc) ?? 0) + 1);
          for (const [doc, count] of rows) {
            if (count < 500) continue;
            rows.set(doc, 0);
            const stored = await store.load(doc);
            await store.compact(doc, new Uint8Array(64), stored.lastSeq);
            compactions++;
          }
        }
      })();
      return { timer, loop, wake: () => wake?.() };
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    waits.length = 0;
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const measured = waits.slice();
    const elapsed = (performance.now() - started) / 1000;
    stopping = true;
    for (const instance of instances) {
      clearInterval(instance.timer);
      instance.wake();
    }
    await Promise.all(instances.map((instance) => instance.loop));
    const s = summarize(measured);
    console.log(
      `| ${shape.name} | ${s.p50.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.p99.toFixed(1)} ms | ${Math.round(measured.length / elapsed)}/s | ${compactions} |`,
    );
    await Promise.all(sqls.map((sql) => sql.close()));
  } finally {
    server.stop();
  }
}

console.log("| shape | wait p50 | p95 | p99 | updates stored | compactions |\n|---|---|---|---|---|---|");
for (const shape of SHAPES) await run(shape);
