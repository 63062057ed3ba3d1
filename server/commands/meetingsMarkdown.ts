import type { Locale } from "@shared/locales";
import type { DecisionKind, Minutes, Presence } from "@shared/meetings";
import type { Sector } from "@shared/roles";

interface MinutesLabels {
  minutes: string;
  when: string;
  place: string;
  agenda: string;
  item: string;
  lead: string;
  planned: string;
  actual: string;
  total: string;
  gap: (minutes: number) => string;
  notes: string;
  uncategorised: string;
  decisions: string;
  kinds: Record<DecisionKind, string>;
  who: string;
  due: string;
  attendance: string;
  presence: Record<Presence, string>;
  sectors: Record<Sector, string>;
  votes: string;
  ballots: (ballots: number, eligible: number) => string;
}

const LABELS: Record<Locale, MinutesLabels> = {
  en: {
    minutes: "Minutes",
    when: "When",
    place: "Place",
    agenda: "Agenda: planned and actual minutes",
    item: "Item",
    lead: "Lead",
    planned: "Planned",
    actual: "Actual",
    total: "Total",
    gap: (m) => `The items add up to ${m} minutes more than the planned length.`,
    notes: "Notes",
    uncategorised: "Not in a category",
    decisions: "Decisions and next steps",
    kinds: { decision: "Decision", next_step: "Next step" },
    who: "Who",
    due: "By",
    attendance: "Attendance by sector",
    presence: { room: "in the room", remote: "remote" },
    sectors: {
      government: "Government",
      civil_society: "Civil society",
      academia: "Academia",
      private_sector: "Private sector",
      citizen: "Citizens",
    },
    votes: "Votes",
    ballots: (b, e) => `${b} of ${e} ballots`,
  },
  es: {
    minutes: "Acta",
    when: "Cuándo",
    place: "Lugar",
    agenda: "Agenda: minutos previstos y reales",
    item: "Punto",
    lead: "Responsable",
    planned: "Previsto",
    actual: "Real",
    total: "Total",
    gap: (m) => `Los puntos suman ${m} minutos más que la duración prevista.`,
    notes: "Notas",
    uncategorised: "Sin categoría",
    decisions: "Decisiones y próximos pasos",
    kinds: { decision: "Decisión", next_step: "Próximo paso" },
    who: "Quién",
    due: "Para",
    attendance: "Asistencia por sector",
    presence: { room: "en la sala", remote: "a distancia" },
    sectors: {
      government: "Gobierno",
      civil_society: "Sociedad civil",
      academia: "Academia",
      private_sector: "Sector privado",
      citizen: "Ciudadanía",
    },
    votes: "Votaciones",
    ballots: (b, e) => `${b} de ${e} votos`,
  },
  fr: {
    minutes: "Compte rendu",
    when: "Quand",
    place: "Lieu",
    agenda: "Ordre du jour : minutes prévues et réelles",
    item: "Point",
    lead: "Responsable",
    planned: "Prévu",
    actual: "Réel",
    total: "Total",
    gap: (m) => `Les points totalisent ${m} minutes de plus que la durée prévue.`,
    notes: "Notes",
    uncategorised: "Sans catégorie",
    decisions: "Décisions et prochaines étapes",
    kinds: { decision: "Décision", next_step: "Prochaine étape" },
    who: "Qui",
    due: "Pour le",
    attendance: "Présence par secteur",
    presence: { room: "dans la salle", remote: "à distance" },
    sectors: {
      government: "Gouvernement",
      civil_society: "Société civile",
      academia: "Milieu universitaire",
      private_sector: "Secteur privé",
      citizen: "Citoyens",
    },
    votes: "Votes",
    ballots: (b, e) => `${b} bulletins sur ${e}`,
  },
};

/** Keeps user text from breaking the table or starting Markdown structure. */
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const quoteLines = (text: string): string =>
  text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");

/** The minutes as a Markdown document in `locale`. */
export function minutesToMarkdown(minutes: Minutes, locale: Locale): string {
  const l = LABELS[locale];
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
