import type { EventPayloads, WorkspaceEvent } from "@shared/events";
import type { RoadmapPhase } from "@shared/publication";
import type { TimelineEntry } from "@shared/record";

/** Whether a signatory or decliner agreed to be named on the public page. */
export type Consent = (userId: string) => boolean;

const entry = (
  at: string,
  kind: TimelineEntry["kind"],
  fields: Partial<TimelineEntry> = {},
): TimelineEntry => ({
  at,
  kind,
  title: null,
  phase: null,
  number: null,
  sector: null,
  organization: null,
  name: null,
  ...fields,
});

/** One event's moment in the process, or null for events too fine-grained to tell its story. */
function fromEvent(event: WorkspaceEvent, named: Consent, wasPublished: boolean): TimelineEntry | null {
  const at = event.createdAt;
  switch (event.type) {
    case "workspace.created": {
      const { workspace } = event.payload as EventPayloads["workspace.created"];
      return entry(at, "workspace_created", { title: workspace.name });
    }
    case "publication.updated": {
      const { settings } = event.payload as EventPayloads["publication.updated"];
      return settings.published && !wasPublished ? entry(at, "process_published") : null;
    }
    case "meeting.minutes_recorded":
      return entry(at, "meeting_held");
    case "vote.opened":
    case "vote.closed": {
      const { vote } = event.payload as EventPayloads["vote.opened"];
      return entry(at, event.type === "vote.opened" ? "vote_opened" : "vote_closed", { title: vote.title });
    }
    case "freeze.proposed":
      return entry(at, "proposed");
    case "freeze.withdrawn":
      return entry(at, "withdrawn");
    case "freeze.signed":
    case "freeze.declined": {
      const { signature } = event.payload as EventPayloads["freeze.signed"];
      return entry(at, event.type === "freeze.signed" ? "signed" : "declined", {
        sector: signature.sector,
        organization: signature.organization,
        name: named(signature.userId) ? signature.name : null,
      });
    }
    case "version.published": {
      const { version } = event.payload as EventPayloads["version.published"];
      return entry(at, "version", { number: version.number });
    }
    default:
      return null;
  }
}

/**
 * The process as it happened, oldest first: from the event log (the workspace created, the process
 * published, meetings held, votes opened and closed, proposals, signatures, declines, versions)
 * and the roadmap's phases at their start dates. `meetingTitles` names the meetings held.
 */
export function timeline(
  events: readonly WorkspaceEvent[],
  phases: readonly RoadmapPhase[],
  meetingTitles: ReadonlyMap<string, string>,
  named: Consent,
): TimelineEntry[] {
  const entries: TimelineEntry[] = phases.map((phase) =>
    entry(`${phase.startsOn}T00:00:00.000Z`, "phase", { phase: phase.kind }),
  );
  let published = false;
  for (const event of events) {
    const found = fromEvent(event, named, published);
    if (event.type === "publication.updated") {
      published = (event.payload as EventPayloads["publication.updated"]).settings.published;
    }
    if (!found) continue;
    if (event.type === "meeting.minutes_recorded") {
      const { meetingId } = event.payload as EventPayloads["meeting.minutes_recorded"];
      found.title = meetingTitles.get(meetingId) ?? null;
    }
    entries.push(found);
  }
  // Stable: events keep their log order within the same instant.
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
