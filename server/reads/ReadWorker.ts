import { Worker } from "node:worker_threads";
import type {
  ExportFormat,
  FrozenPlan,
  FrozenWorkspace,
  SelfCheckResult,
  VersionDetail,
} from "@shared/freeze";
import type { Locale } from "@shared/locales";
import type { ClientText } from "../record/authorship";
import type { CommitmentTitle } from "../record/text";

/** A heavy read the worker thread does (see readJobs.ts). */
export type ReadJob =
  | {
      kind: "draft";
      snapshot: Uint8Array | null;
      updates: Uint8Array[];
      workspace: FrozenWorkspace;
      maxCommitments: number;
    }
  | {
      kind: "pin";
      snapshot: Uint8Array | null;
      updates: Uint8Array[];
      workspace: FrozenWorkspace;
      maxCommitments: number;
      /** What a proposal pins beside the plan, covered by its hash. */
      extras: Pick<FrozenPlan, "rules" | "record">;
    }
  | { kind: "planText"; snapshot: Uint8Array | null; updates: Uint8Array[] }
  | {
      kind: "export";
      version: Omit<VersionDetail, "content">;
      /** The version's canonical content, as stored. */
      content: string;
      format: ExportFormat;
      locale: Locale;
      slug: string;
    };

/** What it answers: the body as UTF-8 bytes (transferred), and the small parts as they are. */
export type ReadResult =
  | { kind: "draft"; body: Uint8Array; check: SelfCheckResult }
  | {
      kind: "pin";
      /** The canonical JSON, as UTF-8. */
      body: Uint8Array;
      /** The Yjs state it was made from. */
      snapshot: Uint8Array;
      hash: string;
      check: SelfCheckResult;
    }
  | { kind: "planText"; byClient: ClientText[]; commitments: CommitmentTitle[] }
  | { kind: "export"; body: Uint8Array; contentType: string; filename: string };

export type ReadReply = { id: number; result: ReadResult } | { id: number; error: string };

type Pending = { resolve: (result: ReadResult) => void; reject: (error: Error) => void };

/**
 * One worker thread for the heavy reads of plans, started on first use and again after a crash.
 * One thread is enough: it keeps those reads off the event loop, and on a small machine more
 * threads would only take cores from it. Jobs queue in the thread in the order they came.
 */
export class ReadWorker {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  /**
   * Runs `job` on the thread. Its bytes are copied, not transferred: Buffers read from SQLite may
   * share their memory with others, which a transfer would take away from them.
   */
  run(job: ReadJob): Promise<ReadResult> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  /** Stops the thread; jobs still running are rejected. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(new URL("./readWorker.mjs", import.meta.url), { execArgv: [] });
    // Idle, it must not keep the process alive; busy, the pending promises do.
    worker.unref();
    worker.on("message", (reply: ReadReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ("result" in reply) pending?.resolve(reply.result);
      else pending?.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the read worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
