import type { ExportFormat, FrozenPlan, FrozenWorkspace, SelfCheckResult } from "@shared/freeze";
import type { Locale } from "@shared/locales";
import { planDocName } from "@shared/plan";
import type { OfficialVersions } from "../commands/officialVersions";
import { notFound } from "../errors";
import type { ClientText } from "../record/authorship";
import type { CommitmentTitle } from "../record/text";
import type { Store } from "../store";
import type { DocumentStore } from "../store/documents";
import type { VersionHead } from "../store/versions";
import { ByteCache } from "./byteCache";
import type { ReadWorker } from "./ReadWorker";

/** The plan as a draft read answers it: `{"content": frozen plan}` as UTF-8, and its self-check. */
export interface DraftRead {
  body: Uint8Array;
  check: SelfCheckResult;
}

/** The plan pinned for a proposal: its Yjs state, canonical JSON and that JSON's SHA-256. */
export interface PinnedDraft {
  snapshot: Uint8Array;
  content: string;
  hash: string;
  check: SelfCheckResult;
}

/** A version export, ready to send. */
export interface ExportRead {
  body: Uint8Array;
  contentType: string;
  filename: string;
}

/** Who wrote the plan's text, by Yjs client id, and the members those ids are bound to. */
export interface PlanText {
  byClient: ClientText[];
  authors: Map<number, string>;
  commitments: CommitmentTitle[];
}

/** A draft as kept: the stored position and workspace facts it was made from. */
type KeptDraft = DraftRead & { seq: number; facts: string };

/** Drafts kept: the plans being read now (each a few MB at most). */
const MAX_DRAFT_BYTES = 64 * 1024 * 1024;
/** Workspaces whose authorship is kept. */
const MAX_TEXTS = 1000;
/** Version exports kept: versions never change, so each is made once while it stays in here. */
const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

/**
 * The derived reads of a plan — its draft in frozen form with the self-check (`GET /draft`,
 * `GET /freeze`, the public draft) and the exports of its versions — made on the read worker
 * thread and kept per document state, so a read costs the event loop a lookup, not a rebuild.
 *
 * The state is the document's position in storage (`lastSeq`): the collaboration server stores
 * every update before it relays it, so storage holds everything anyone has seen, and the worker can
 * rebuild from it while the live document stays on the event loop untouched. Per workspace one
 * draft is made at a time, from the newest state when it starts: however many people read while
 * others type, each waiting read is answered by the first draft made after it arrived.
 */
export class PlanReads {
  private readonly drafts = new ByteCache<KeptDraft>(MAX_DRAFT_BYTES);
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly exports = new ByteCache<ExportRead>(MAX_EXPORT_BYTES);
  private readonly texts = new Map<string, PlanText & { seq: number }>();

  constructor(
    private readonly store: Store,
    private readonly documents: DocumentStore,
    private readonly versions: OfficialVersions,
    private readonly worker: ReadWorker,
  ) {}

  /** The workspace's plan as stored now (or later), in frozen form, with its self-check. */
  async draft(workspaceId: string): Promise<DraftRead> {
    const facts = JSON.stringify(await this.facts(workspaceId));
    const seq = await this.documents.lastSeq(planDocName(workspaceId));
    const fresh = (kept: KeptDraft | undefined) =>
      kept !== undefined && kept.facts === facts && kept.seq >= seq;
    const kept = this.drafts.get(workspaceId);
    if (fresh(kept)) return kept as KeptDraft;
    // One made at a time per workspace: those who waited find the newest made when their turn comes.
    return this.serialized(workspaceId, async () => {
      const made = this.drafts.get(workspaceId);
      if (fresh(made)) return made as KeptDraft;
      const draft = await this.makeDraft(workspaceId);
      this.drafts.set(workspaceId, draft);
      return draft;
    });
  }

  /** Who wrote the plan's text as stored now (or later), for the record of co-creation. */
  async planText(workspaceId: string): Promise<PlanText> {
    const seq = await this.documents.lastSeq(planDocName(workspaceId));
    const kept = this.texts.get(workspaceId);
    if (kept && kept.seq >= seq) return kept;
    return this.serialized(`text ${workspaceId}`, async () => {
      const made = this.texts.get(workspaceId);
      if (made && made.seq >= seq) return made;
      const stored = await this.documents.load(planDocName(workspaceId));
      const result = await this.worker.run({
        kind: "planText",
        snapshot: stored.snapshot,
        updates: stored.updates,
      });
      if (result.kind !== "planText") throw new Error("the read worker answered another job");
      const text = {
        byClient: result.byClient,
        commitments: result.commitments,
        authors: stored.clients,
        seq: stored.lastSeq,
      };
      // A few numbers per author and part: kept for every workspace read, oldest forgotten first.
      this.texts.delete(workspaceId);
      this.texts.set(workspaceId, text);
      for (const oldest of this.texts.keys()) {
        if (this.texts.size <= MAX_TEXTS) break;
        this.texts.delete(oldest);
      }
      return text;
    });
  }

  /**
   * The plan as stored now, pinned with `extras` (the forum's rules, the record of co-creation):
   * made on the worker, as a draft is — never kept, each proposal pins the newest state.
   */
  async pin(workspaceId: string, extras: Pick<FrozenPlan, "rules" | "record">): Promise<PinnedDraft> {
    const { workspace, maxCommitments, stored } = await this.stored(workspaceId);
    const result = await this.worker.run({
      kind: "pin",
      snapshot: stored.snapshot,
      updates: stored.updates,
      workspace,
      maxCommitments,
      extras,
    });
    if (result.kind !== "pin") throw new Error("the read worker answered another job");
    const { snapshot, hash, check } = result;
    return { snapshot, content: new TextDecoder().decode(result.body), hash, check };
  }

  /** An official version as a file in `format`, made once per version, format and language. */
  async versionExport(
    head: VersionHead,
    format: ExportFormat,
    locale: Locale,
    slug: string,
  ): Promise<ExportRead> {
    const key = `${head.workspaceId}/${head.number}/${format}/${locale}/${slug}`;
    const kept = this.exports.get(key);
    // Served only while the version passes its check (cached too, see OfficialVersions).
    if (kept && (await this.versions.passes(head))) return kept;
    const { version, content } = await this.versions.raw(head);
    const result = await this.worker.run({ kind: "export", version, content, format, locale, slug });
    if (result.kind !== "export") throw new Error("the read worker answered another job");
    const { body, contentType, filename } = result;
    this.exports.set(key, { body, contentType, filename });
    return { body, contentType, filename };
  }

  private async facts(workspaceId: string): Promise<FrozenWorkspace & { maxCommitments: number }> {
    const workspace = await this.store.workspaces.byId(workspaceId);
    if (!workspace) throw notFound("Workspace");
    const { name, jurisdiction, country, periodStart, periodEnd, maxCommitments } = workspace;
    return { name, jurisdiction, country, periodStart, periodEnd, maxCommitments };
  }

  /** The workspace's facts a frozen plan names, and its plan as stored now. */
  private async stored(workspaceId: string) {
    const { maxCommitments, ...workspace } = await this.facts(workspaceId);
    return { workspace, maxCommitments, stored: await this.documents.load(planDocName(workspaceId)) };
  }

  private async makeDraft(workspaceId: string): Promise<KeptDraft> {
    const { workspace, maxCommitments, stored } = await this.stored(workspaceId);
    const result = await this.worker.run({
      kind: "draft",
      snapshot: stored.snapshot,
      updates: stored.updates,
      workspace,
      maxCommitments,
    });
    if (result.kind !== "draft") throw new Error("the read worker answered another job");
    const facts = JSON.stringify({ ...workspace, maxCommitments });
    return { body: result.body, check: result.check, seq: stored.lastSeq, facts };
  }

  /** Runs `work` after every earlier one queued under `key`. */
  private serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.queues.get(key) ?? Promise.resolve()).then(work);
    const tail = result.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return result;
  }
}
