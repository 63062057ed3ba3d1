import type { Locale } from "@shared/locales";
import type { Minutes } from "@shared/meetings";
import type { Block } from "../export/blocks";
import { toDocx } from "../export/docx";
import { MINUTES_LABELS } from "./meetingsLabels";

/**
 * The minutes as format-neutral blocks in `locale`, in the order of the Markdown minutes: header,
 * agenda with planned and actual minutes, each item's notes and brainstorm, decisions, attendance
 * by sector, votes. The DOCX writer of the plan exports renders them.
 */
export function minutesBlocks(minutes: Minutes, locale: Locale): Block[] {
  const l = MINUTES_LABELS[locale];
  const { meeting, totals } = minutes;
  const when = `${minutes.startedAt ?? meeting.startsAt}${minutes.endedAt ? ` – ${minutes.endedAt}` : ""}`;
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `${l.minutes}: ${meeting.title}` },
    { kind: "field", label: l.when, text: when },
  ];
  if (meeting.place) blocks.push({ kind: "field", label: l.place, text: meeting.place });
  if (meeting.link) blocks.push({ kind: "paragraph", text: meeting.link });

  blocks.push({ kind: "heading", level: 2, text: l.agenda });
  minutes.items.forEach((item, i) => {
    const lead = item.lead ? ` · ${l.lead}: ${item.lead}` : "";
    blocks.push({
      kind: "field",
      label: `${i + 1}. ${item.title}`,
      text: `${l.planned} ${item.plannedMinutes} · ${l.actual} ${item.actualMinutes}${lead}`,
    });
  });
  blocks.push({
    kind: "field",
    label: l.total,
    text: `${l.planned} ${totals.itemsMinutes} · ${l.actual} ${minutes.actualTotalMinutes}`,
  });
  if (totals.differenceMinutes > 0) blocks.push({ kind: "paragraph", text: l.gap(totals.differenceMinutes) });

  const list = (title: string, lines: string[]): Block[] => [
    { kind: "heading", level: 4, text: title },
    ...lines.map((text): Block => ({ kind: "paragraph", text: `• ${text}` })),
  ];
  minutes.items.forEach((item, i) => {
    if (!item.notes && item.categories.length === 0 && item.uncategorised.length === 0) return;
    blocks.push({ kind: "heading", level: 3, text: `${i + 1}. ${item.title}` });
    if (item.notes) {
      blocks.push({ kind: "heading", level: 4, text: l.notes });
      for (const line of item.notes.split("\n")) blocks.push({ kind: "paragraph", text: line });
    }
    for (const category of item.categories) blocks.push(...list(category.name, category.cards));
    if (item.uncategorised.length > 0) blocks.push(...list(l.uncategorised, item.uncategorised));
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

/** The minutes as a .docx file in `locale`. */
export const minutesToDocx = (minutes: Minutes, locale: Locale): Uint8Array =>
  toDocx(minutesBlocks(minutes, locale), locale);
