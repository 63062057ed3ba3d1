import { safeLinkHref } from "@shared/freeze";
import type { Locale } from "@shared/locales";
import type { Minutes } from "@shared/meetings";
import { formatMeetingSpan, formatMeetingTime } from "@shared/meetingTime";
import type { Block, ListInfo, RichBlock } from "../export/blocks";
import { toDocx } from "../export/docx";
import { toMarkdown } from "../export/markdown";
import { MINUTES_LABELS } from "./meetingsLabels";

/** A bullet list of plain lines as rich list items, which both renderers already know. */
function bullets(lines: string[]): RichBlock[] {
  const list: ListInfo = { ordered: false, start: 1 };
  return lines.map((text, i) => ({
    kind: "rich",
    style: "paragraph",
    runs: [{ text }],
    item: { list, depth: 0, number: i + 1, first: true },
  }));
}

/** Multi-line notes as one quoted paragraph, each line break kept. */
const quoted = (text: string): RichBlock => ({
  kind: "rich",
  style: "paragraph",
  quote: true,
  runs: text
    .split(/\r\n?|\n/)
    .flatMap((line, i) => (i === 0 ? [{ text: line }] : [{ text: "\n" }, { text: line }])),
});

/**
 * The minutes as format-neutral blocks in `locale`, times in `timeZone` (UTC when the reader's is
 * not known) with the zone named: header, agenda with planned and actual
 * minutes, each item's notes and brainstorm, decisions, attendance by sector, votes. Both
 * downloads (Markdown and DOCX) render these through the plan exports' writers, so user text is
 * escaped in one place.
 */
export function minutesBlocks(minutes: Minutes, locale: Locale, timeZone = "UTC"): Block[] {
  const l = MINUTES_LABELS[locale];
  const { meeting, totals } = minutes;
  const when =
    minutes.startedAt && minutes.endedAt
      ? formatMeetingSpan(minutes.startedAt, minutes.endedAt, locale, timeZone)
      : formatMeetingTime(minutes.startedAt ?? meeting.startsAt, locale, { timeZone });
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `${l.minutes}: ${meeting.title}` },
    { kind: "field", label: l.when, text: when },
  ];
  if (meeting.place) blocks.push({ kind: "field", label: l.place, text: meeting.place });
  if (meeting.link) {
    // Only an http, https or mailto address becomes a link; anything else stays text.
    const href = safeLinkHref(meeting.link);
    blocks.push({
      kind: "rich",
      style: "paragraph",
      runs: [href ? { text: meeting.link, href } : { text: meeting.link }],
    });
  }

  blocks.push({ kind: "heading", level: 2, text: l.agenda });
  blocks.push({
    kind: "table",
    rows: [
      ["#", l.item, l.lead, l.planned, l.actual],
      ...minutes.items.map((item, i) => [
        String(i + 1),
        item.title,
        item.lead,
        String(item.plannedMinutes),
        String(item.actualMinutes),
      ]),
      ["", l.total, "", String(totals.itemsMinutes), String(minutes.actualTotalMinutes)],
    ],
  });
  if (totals.differenceMinutes > 0) blocks.push({ kind: "paragraph", text: l.gap(totals.differenceMinutes) });

  minutes.items.forEach((item, i) => {
    if (!item.notes && item.categories.length === 0 && item.uncategorised.length === 0) return;
    blocks.push({ kind: "heading", level: 3, text: `${i + 1}. ${item.title}` });
    if (item.notes) blocks.push({ kind: "heading", level: 4, text: l.notes }, quoted(item.notes));
    for (const category of item.categories) {
      blocks.push({ kind: "heading", level: 4, text: category.name }, ...bullets(category.cards));
    }
    if (item.uncategorised.length > 0) {
      blocks.push({ kind: "heading", level: 4, text: l.uncategorised }, ...bullets(item.uncategorised));
    }
  });

  if (minutes.decisions.length > 0) {
    blocks.push({ kind: "heading", level: 2, text: l.decisions });
    for (const decision of minutes.decisions) {
      const who = decision.who ? ` — ${l.who}: ${decision.who}` : "";
      const due = decision.dueDate ? ` — ${l.due}: ${decision.dueDate}` : "";
      blocks.push({ kind: "field", label: l.kinds[decision.kind], text: `${decision.what}${who}${due}` });
    }
  }

  blocks.push({ kind: "heading", level: 2, text: l.attendance });
  for (const group of minutes.attendance) {
    blocks.push({
      kind: "field",
      label: `${l.sectors[group.sector]} (${group.people.length})`,
      text: group.people.map((person) => `${person.name} (${l.presence[person.presence]})`).join(", "),
    });
  }

  if (minutes.votes.length > 0) {
    blocks.push({ kind: "heading", level: 2, text: l.votes });
    for (const vote of minutes.votes) {
      blocks.push({ kind: "field", label: vote.title, text: l.ballots(vote.ballots, vote.eligible) });
    }
  }
  return blocks;
}

/** The minutes as a Markdown document in `locale`. */
export const minutesToMarkdown = (minutes: Minutes, locale: Locale, timeZone?: string): string =>
  toMarkdown(minutesBlocks(minutes, locale, timeZone));

/** The minutes as a .docx file in `locale`. */
export const minutesToDocx = (minutes: Minutes, locale: Locale, timeZone?: string): Uint8Array =>
  toDocx(minutesBlocks(minutes, locale, timeZone), locale);
