import { PUBLIC_DRAFT_CACHE_MS, type PublicDraftResponse } from "@shared/publication";
import { notFound } from "../errors";
import type { Store } from "../store";
import type { DocumentStore } from "../store/documents";
import { loadDraftDoc, pinDraft } from "./freezeContent";
import { publishedWorkspaceId } from "./publicProcess";

/**
 * The live draft for the public page, read-only. Visitors poll it: one read of the stored plan
 * per workspace every PUBLIC_DRAFT_CACHE_MS however many visitors there are, and no socket held
 * open per anonymous reader (see the README for why polling rather than a public socket).
 */
export class PublicDraftCache {
  private readonly cache = new Map<string, { expires: number; answer: Promise<PublicDraftResponse> }>();

  constructor(
    private readonly store: Store,
    private readonly documents: DocumentStore,
    private readonly ttlMs = PUBLIC_DRAFT_CACHE_MS,
  ) {}

  /** The draft of the workspace at `slug` when it is published with its draft shown; else 404. */
  async read(slug: string, now = Date.now()): Promise<PublicDraftResponse> {
    const workspaceId = await publishedWorkspaceId(this.store, slug);
    // Checked on every request, not cached: taking the draft down takes effect at once.
    if (!(await this.store.publication.settings(workspaceId)).showDraft) throw notFound("Public draft");
    const cached = this.cache.get(workspaceId);
    if (cached && cached.expires > now) return cached.answer;
    const answer = this.load(workspaceId, now);
    this.cache.set(workspaceId, { expires: now + this.ttlMs, answer });
    answer.catch(() => this.cache.delete(workspaceId));
    return answer;
  }

  private async load(workspaceId: string, now: number): Promise<PublicDraftResponse> {
    const doc = await loadDraftDoc(this.documents, workspaceId);
    try {
      return {
        content: (await pinDraft(this.store, workspaceId, doc)).frozen,
        at: new Date(now).toISOString(),
      };
    } finally {
      doc.destroy();
    }
  }
}
