import { parentPort } from "node:worker_threads";
import { canonicalJson, freezePlan, selfCheck } from "@shared/freeze";
import { listCommitments, planToJson } from "@shared/plan";
import * as Y from "yjs";
import { docFromStorage } from "../commands/freezeContent";
import { exportVersion } from "../export";
import { textByClient } from "../record/authorship";
import { sha256Hex } from "../store/ids";
import type { ReadJob, ReadReply, ReadResult } from "./ReadWorker";

/**
 * Runs on the read worker thread: the heavy reads of a plan (rebuilding its Yjs document from
 * storage, turning it into JSON, writing a DOCX), so the event loop that relays keystrokes never
 * waits for them. Results go back as bytes, transferred rather than copied.
 */

const encoder = new TextEncoder();

function run(job: ReadJob): ReadResult {
  if (job.kind === "draft") {
    const doc = docFromStorage({ snapshot: job.snapshot, updates: job.updates });
    try {
      const plan = planToJson(doc);
      return {
        kind: "draft",
        body: encoder.encode(JSON.stringify({ content: freezePlan(job.workspace, plan) })),
        check: selfCheck(plan, job.maxCommitments),
      };
    } finally {
      doc.destroy();
    }
  }
  if (job.kind === "pin") {
    const doc = docFromStorage({ snapshot: job.snapshot, updates: job.updates });
    try {
      const plan = planToJson(doc);
      const content = canonicalJson({ ...freezePlan(job.workspace, plan), ...job.extras });
      return {
        kind: "pin",
        body: encoder.encode(content),
        snapshot: Y.encodeStateAsUpdate(doc),
        hash: sha256Hex(content),
        check: selfCheck(plan, job.maxCommitments),
      };
    } finally {
      doc.destroy();
    }
  }
  if (job.kind === "planText") {
    // Deleted items keep their text (gc off), as storage keeps them: the record counts what was
    // written, kept or not.
    const doc = docFromStorage({ snapshot: job.snapshot, updates: job.updates }, { gc: false });
    try {
      const commitments = listCommitments(doc).map((c) => ({
        commitmentId: c.id,
        title: c.text("title")?.toString() ?? "",
      }));
      return { kind: "planText", byClient: textByClient(doc), commitments };
    } finally {
      doc.destroy();
    }
  }
  const file = exportVersion(
    { ...job.version, content: JSON.parse(job.content) },
    job.format,
    job.locale,
    job.slug,
  );
  return {
    kind: "export",
    body: typeof file.body === "string" ? encoder.encode(file.body) : file.body,
    contentType: file.contentType,
    filename: file.filename,
  };
}

parentPort?.on("message", ({ id, job }: { id: number; job: ReadJob }) => {
  let reply: ReadReply;
  try {
    reply = { id, result: run(job) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  const body = "result" in reply && "body" in reply.result ? reply.result.body : null;
  parentPort?.postMessage(reply, body ? [body.buffer as ArrayBuffer] : []);
});
