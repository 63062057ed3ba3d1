import type { OrganizationText, RecordText, SectorText, TextBreakdown, TextPart } from "@shared/record";
import { SECTORS, type Sector } from "@shared/roles";
import type { ClientText } from "./authorship";

/** A member as the record counts them: by sector and organisation, never by name. */
export interface Affiliation {
  sector: Sector;
  organization: string | null;
}

/** The plan's commitments in the agreed order, with their titles as they read now. */
export interface CommitmentTitle {
  commitmentId: string;
  title: string;
}

const sectorOrder = (sector: Sector | null): number =>
  sector === null ? SECTORS.length : SECTORS.indexOf(sector);

/** Sums rows of (affiliation, counts) into a breakdown by sector and by organisation. */
function breakdown(
  rows: readonly { who: Affiliation | null; written: number; still: number }[],
): TextBreakdown {
  const sectors = new Map<Sector | null, SectorText>();
  const organizations = new Map<string, OrganizationText>();
  const total = { written: 0, still: 0 };
  for (const { who, written, still } of rows) {
    const sector = who?.sector ?? null;
    const organization = who?.organization ?? null;
    const bySector = sectors.get(sector) ?? { sector, written: 0, still: 0 };
    const orgKey = `${sector}\u0000${organization}`;
    const byOrganization = organizations.get(orgKey) ?? { organization, sector, written: 0, still: 0 };
    for (const row of [total, bySector, byOrganization]) {
      row.written += written;
      row.still += still;
    }
    sectors.set(sector, bySector);
    organizations.set(orgKey, byOrganization);
  }
  return {
    ...total,
    bySector: [...sectors.values()].sort((a, b) => sectorOrder(a.sector) - sectorOrder(b.sector)),
    byOrganization: [...organizations.values()].sort(
      (a, b) =>
        sectorOrder(a.sector) - sectorOrder(b.sector) ||
        b.written - a.written ||
        (a.organization ?? "").localeCompare(b.organization ?? ""),
    ),
  };
}

/**
 * Text written and still in the plan, in total and per part (the plan's own fields, each
 * commitment in the agreed order, the commitments since removed), by sector and organisation.
 * `authors` maps client ids to members (doc_clients); `affiliations` members to their sector and
 * organisation. A client id bound to nobody counts in the row whose sector is null.
 */
export function textRecord(
  byClient: readonly ClientText[],
  authors: ReadonlyMap<number, string>,
  affiliations: ReadonlyMap<string, Affiliation>,
  commitments: readonly CommitmentTitle[],
): RecordText {
  const rows = byClient.map((row) => {
    const userId = authors.get(row.clientId);
    return { ...row, who: userId === undefined ? null : (affiliations.get(userId) ?? null) };
  });
  const inPart = (match: (row: ClientText) => boolean) => breakdown(rows.filter(match));
  const parts: TextPart[] = [
    { kind: "plan", ...inPart((row) => row.part.kind === "plan") },
    ...commitments.map(
      ({ commitmentId, title }, index): TextPart => ({
        kind: "commitment",
        commitmentId,
        number: index + 1,
        title,
        ...inPart((row) => row.part.kind === "commitment" && row.part.commitmentId === commitmentId),
      }),
    ),
  ];
  // A commitment id the agreed order does not list (a duplicate a client made): counted as removed.
  const listed = new Set(commitments.map((c) => c.commitmentId));
  const removed = inPart(
    (row) =>
      row.part.kind === "removed" || (row.part.kind === "commitment" && !listed.has(row.part.commitmentId)),
  );
  if (removed.written > 0) parts.push({ kind: "removed", ...removed });
  return { total: breakdown(rows), parts };
}
