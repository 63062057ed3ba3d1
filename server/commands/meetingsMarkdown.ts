import type { Locale } from "@shared/locales";
import type { Minutes } from "@shared/meetings";
import { MINUTES_LABELS } from "./meetingsLabels";

/** Keeps user text from breaking the table or starting Markdown structure. */
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const quoteLines = (text: string): string =>
  text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");

/** The minutes as a Markdown document in `locale`. */
export function minutesToMarkdown(minutes: Minutes, locale: Locale): string {
  const l = MINUTES_LABELS[locale];
  const { meeting, totals } = minutes;
  const lines: string[] = [`# ${l.minutes}: ${cell(meeting.title)}`, ""];
  lines.push(
    `- ${l.when}: ${minutes.startedAt ?? meeting.startsAt}${minutes.endedAt ? ` – ${minutes.endedAt}` : ""}`,
  );
  if (meeting.place) lines.push(`- ${l.place}: ${cell(meeting.place)}`);
  if (meeting.link) lines.push(`- ${meeting.link}`);
  lines.push(
    "",
    `## ${l.agenda}`,
    "",
    `| # | ${l.item} | ${l.lead} | ${l.planned} | ${l.actual} |`,
    "|---|---|---|---|---|",
  );
  minutes.items.forEach((item, i) => {
    lines.push(
      `| ${i + 1} | ${cell(item.title)} | ${cell(item.lead)} | ${item.plannedMinutes} | ${item.actualMinutes} |`,
    );
  });
  lines.push(`| | ${l.total} | | ${totals.itemsMinutes} | ${minutes.actualTotalMinutes} |`, "");
  if (totals.differenceMinutes > 0) lines.push(l.gap(totals.differenceMinutes), "");
  minutes.items.forEach((item, i) => {
    if (!item.notes && item.categories.length === 0 && item.uncategorised.length === 0) return;
    lines.push(`### ${i + 1}. ${cell(item.title)}`, "");
    if (item.notes) lines.push(`**${l.notes}**`, "", quoteLines(item.notes), "");
    for (const category of item.categories) {
      lines.push(`**${cell(category.name)}**`, "", ...category.cards.map((card) => `- ${cell(card)}`), "");
    }
    if (item.uncategorised.length > 0) {
      lines.push(`**${l.uncategorised}**`, "", ...item.uncategorised.map((card) => `- ${cell(card)}`), "");
    }
  });
  if (minutes.decisions.length > 0) {
    lines.push(`## ${l.decisions}`, "");
    for (const decision of minutes.decisions) {
      const who = decision.who ? ` — ${l.who}: ${cell(decision.who)}` : "";
      const due = decision.dueDate ? ` — ${l.due}: ${decision.dueDate}` : "";
      lines.push(`- ${l.kinds[decision.kind]}: ${cell(decision.what)}${who}${due}`);
    }
    lines.push("");
  }
  lines.push(`## ${l.attendance}`, "");
  for (const group of minutes.attendance) {
    const people = group.people.map((person) => `${cell(person.name)} (${l.presence[person.presence]})`);
    lines.push(`- ${l.sectors[group.sector]} (${group.people.length}): ${people.join(", ")}`);
  }
  lines.push("");
  if (minutes.votes.length > 0) {
    lines.push(`## ${l.votes}`, "");
    for (const vote of minutes.votes)
      lines.push(`- ${cell(vote.title)}: ${l.ballots(vote.ballots, vote.eligible)}`);
    lines.push("");
  }
  return lines.join("\n");
}
