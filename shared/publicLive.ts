import type { CommitmentJson, PlanJson, RichTextJson } from "./plan";

/**
 * The live public draft (issue 15): a read-only WebSocket for signed-out readers of a published
 * draft or an open consultation, at `/collab/public/<slug>/<channel>`. It carries no Yjs: the
 * server renders the public cut of the plan (the whole plan, or a consultation's chosen
 * commitments only) and sends it as JSON text frames, the same frame to every reader of that cut.
 * Readers send nothing; a frame from a reader closes its socket (4403).
 */
export const PUBLIC_LIVE_PATH = "/collab/public";

/** `draft`: the draft the process page shows; `consultation`: the open consultation's cut. */
export const PUBLIC_LIVE_CHANNELS = ["draft", "consultation"] as const;
export type PublicLiveChannel = (typeof PUBLIC_LIVE_CHANNELS)[number];

/**
 * What the server sends, each a JSON text frame:
 * - `plan`: the whole cut (first frame, and again when commitments are added, removed or moved);
 * - `rich`: the vision or the co-creation summary, changed (whole-plan cuts only);
 * - `block`: one top-level block (paragraph, heading, list) of the vision or the summary changed,
 *   the others stayed where they were: only that block (typing costs a paragraph, not the field);
 * - `commitment`: one commitment of the cut, changed, whole.
 */
export type PublicLiveFrame =
  | { t: "plan"; plan: PlanJson }
  | { t: "rich"; field: "vision" | "cocreationSummary"; value: RichTextJson }
  | { t: "block"; field: "vision" | "cocreationSummary"; index: number; value: RichTextJson }
  | { t: "commitment"; value: CommitmentJson };

/** The path of a live public channel (the client prefixes the page's ws: or wss: origin). */
export const publicLivePath = (slug: string, channel: PublicLiveChannel): string =>
  `${PUBLIC_LIVE_PATH}/${encodeURIComponent(slug)}/${channel}`;

/** Applies a frame to the plan a reader shows; returns a new plan (React state stays immutable). */
export function applyPublicLiveFrame(plan: PlanJson, frame: PublicLiveFrame): PlanJson {
  switch (frame.t) {
    case "plan":
      return frame.plan;
    case "rich":
      return { ...plan, [frame.field]: frame.value };
    case "block": {
      const content = plan[frame.field].content ?? [];
      if (frame.index >= content.length) return plan;
      const blocks = content.slice();
      blocks[frame.index] = frame.value;
      return { ...plan, [frame.field]: { ...plan[frame.field], content: blocks } };
    }
    case "commitment":
      return {
        ...plan,
        commitments: plan.commitments.map((c) => (c.id === frame.value.id ? frame.value : c)),
      };
  }
}
