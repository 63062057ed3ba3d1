import type { CocreationRecord, PlanAuthor } from "@shared/record";
import { computeRecord, planAuthors, type RecordDeps } from "../record";
import { requireMember } from "./access";
import type { ExpiringCache } from "./expiringCache";
import { publishedWorkspaceId } from "./publicProcess";

/** The record of co-creation as it stands now; any member. */
export async function readRecord(
  deps: RecordDeps,
  userId: string,
  workspaceId: string,
): Promise<CocreationRecord> {
  await requireMember(deps.store, workspaceId, userId);
  return computeRecord(deps, workspaceId, new Date());
}

/** Who wrote with each client id of the plan (for authorship colours); any member. */
export async function readPlanAuthors(
  deps: RecordDeps,
  userId: string,
  workspaceId: string,
): Promise<PlanAuthor[]> {
  await requireMember(deps.store, workspaceId, userId);
  return planAuthors(deps, workspaceId);
}

/**
 * The record on the public process page: only once a facilitator published the process (404
 * otherwise, as for a workspace that does not exist; checked on every request, so unpublishing
 * takes effect at once). The record names no one who did not agree, so members and visitors read
 * the same figures. Visitors share one computation per workspace per `cache` period.
 */
export async function readPublicRecord(
  deps: RecordDeps,
  slug: string,
  cache: ExpiringCache<CocreationRecord>,
): Promise<{ slug: string; record: CocreationRecord }> {
  const workspaceId = await publishedWorkspaceId(deps.store, slug);
  const now = new Date();
  const record = await cache.get(workspaceId, now.getTime(), () => computeRecord(deps, workspaceId, now));
  return { slug, record };
}
