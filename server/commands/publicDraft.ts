import { PUBLIC_DRAFT_CACHE_MS } from "@shared/publication";
import { notFound } from "../errors";
import type { PlanReads } from "../reads/PlanReads";
import type { Store } from "../store";
import { ExpiringCache } from "./expiringCache";
import { publishedWorkspaceId } from "./publicProcess";

/**
 * The draft for the public page, read-only: its first load, and what visitors poll while the live
 * socket (collab/publicLive.ts) is down — one read of the stored plan per workspace every
 * PUBLIC_DRAFT_CACHE_MS however many visitors there are.
 */
export class PublicDraftCache {
  private readonly cache: ExpiringCache<Uint8Array>;

  constructor(
    private readonly store: Store,
    private readonly planReads: PlanReads,
    ttlMs = PUBLIC_DRAFT_CACHE_MS,
  ) {
    this.cache = new ExpiringCache(ttlMs);
  }

  /**
   * The draft of the workspace at `slug` when it is published with its draft shown, as the JSON
   * text of a PublicDraftResponse; else 404.
   */
  async read(slug: string, now = Date.now()): Promise<Uint8Array> {
    const workspaceId = await publishedWorkspaceId(this.store, slug);
    // Checked on every request, not cached: taking the draft down takes effect at once.
    if (!(await this.store.publication.settings(workspaceId)).showDraft) throw notFound("Public draft");
    return this.cache.get(workspaceId, now, () => this.load(workspaceId, now));
  }

  private async load(workspaceId: string, now: number): Promise<Uint8Array> {
    const { body } = await this.planReads.draft(workspaceId);
    // `{"content": …}` becomes `{"content": …,"at": "…"}` without parsing the plan again.
    const at = new TextEncoder().encode(`,"at":${JSON.stringify(new Date(now).toISOString())}}`);
    const answer = new Uint8Array(body.byteLength - 1 + at.byteLength);
    answer.set(body.subarray(0, body.byteLength - 1));
    answer.set(at, body.byteLength - 1);
    return answer;
  }
}
