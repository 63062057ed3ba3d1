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
import { type JobReply, JobThread } from "../workers/JobThread";

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

export type ReadReply = JobReply<ReadResult>;

/**
 * One worker thread for the heavy reads of plans, started on first use and again after a crash.
 * One thread is enough: it keeps those reads off the event loop, and on a small machine more
 * threads would only take cores from it. Jobs queue in the thread in the order they came.
 */
export class ReadWorker extends JobThread<ReadJob, ReadResult> {
  constructor() {
    super(new URL("./readWorker.mjs", import.meta.url), "read worker");
  }
}
