import type { RecordComments, SectorCount } from "@shared/record";
import { SECTORS, type Sector } from "@shared/roles";
import { summarize } from "../commands/comments";
import type { ThreadBundle } from "../store/comments";

/** Counts per sector, in the usual sector order, only sectors with at least one. */
export function sectorCounts(sectors: Iterable<Sector>): SectorCount[] {
  const counts = new Map<Sector, number>();
  for (const sector of sectors) counts.set(sector, (counts.get(sector) ?? 0) + 1);
  return SECTORS.flatMap((sector) => {
    const count = counts.get(sector);
    return count ? [{ sector, count }] : [];
  });
}

/**
 * Comments and reasoned responses: every comment and reply by its author's sector (as they wrote
 * it), the inputs that need a response and how many got one, threads by status, and the median
 * time to a first response — the same summary the comments panel shows (`summarize`).
 */
export function commentsRecord(threads: readonly ThreadBundle[]): RecordComments {
  const summary = summarize(threads);
  const comments = threads.flatMap((bundle) => bundle.comments);
  return {
    comments: comments.length,
    bySector: sectorCounts(comments.map((comment) => comment.authorSector)),
    inputs: summary.open,
    responded: summary.open - summary.awaiting,
    unanswered: summary.awaiting,
    byStatus: summary.byStatus,
    medianResponseSeconds:
      summary.medianResponseMs === null ? null : Math.round(summary.medianResponseMs / 1000),
  };
}
