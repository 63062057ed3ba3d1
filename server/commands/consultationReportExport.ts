import type { InputChannel } from "@shared/consultation";
import type { ConsultationReport, ReportFormat, ReportGroup, ReportInput } from "@shared/consultationReport";
import type { Locale } from "@shared/locales";
import type { Sector } from "@shared/roles";
import type { Block, RichBlock } from "../export/blocks";
import { toDocx } from "../export/docx";
import { DOCX_CONTENT_TYPE, type ExportFile } from "../export/index";
import { toMarkdown } from "../export/markdown";
import { field } from "../record/csv";
import { STATUS_ORDER } from "./consultationReport";

/** The words of the report's downloads, per language (usted / vous). */
interface ReportLabels {
  heading: string;
  period: string;
  figures: string;
  measure: string;
  count: string;
  inputs: string;
  answered: string;
  unanswered: string;
  hidden: string;
  supports: string;
  byStatus: string;
  byChannel: string;
  bySector: string;
  status: Record<(typeof STATUS_ORDER)[number], string>;
  channels: Record<InputChannel, string>;
  sectors: Record<Sector, string>;
  plan: string;
  commitment: (number: number, title: string) => string;
  removed: string;
  ideas: string;
  noInputs: string;
  participantFrom: (sector: string) => string;
  supportCount: (count: number) => string;
  hiddenReason: string;
  answer: string;
  noAnswer: string;
}

const en: ReportLabels = {
  heading: "What we heard and what we did",
  period: "Consultation period",
  figures: "In figures",
  measure: "Measure",
  count: "Inputs",
  inputs: "Inputs received",
  answered: "Answered",
  unanswered: "Awaiting an answer",
  hidden: "Hidden with a public reason",
  supports: "Supports",
  byStatus: "By answer",
  byChannel: "By how they were received",
  bySector: "By sector",
  status: {
    accepted: "Accepted",
    partly_accepted: "Partly accepted",
    not_accepted: "Not accepted",
    answered: "Answered",
    hidden: "Hidden with a public reason",
    none: "No answer",
  },
  channels: {
    online: "Online",
    paper: "On paper",
    phone: "By phone",
    workshop: "At a workshop",
    radio: "By radio",
  },
  sectors: {
    government: "Government",
    civil_society: "Civil society",
    academia: "Academia",
    private_sector: "Private sector",
    citizen: "Citizen",
  },
  plan: "The plan as a whole",
  commitment: (n, title) => (title.trim() ? `Commitment ${n}: ${title}` : `Commitment ${n} (no title)`),
  removed: "Commitments since removed",
  ideas: "New ideas",
  noInputs: "No input on this part.",
  participantFrom: (sector) => `A participant from ${sector.toLowerCase()}`,
  supportCount: (n) => (n === 1 ? "1 support" : `${n} supports`),
  hiddenReason: "Hidden by the facilitators",
  answer: "Answer",
  noAnswer: "No answer yet.",
};

const es: ReportLabels = {
  heading: "Lo que escuchamos y lo que hicimos",
  period: "Periodo de la consulta",
  figures: "En cifras",
  measure: "Medida",
  count: "Aportes",
  inputs: "Aportes recibidos",
  answered: "Respondidos",
  unanswered: "Pendientes de respuesta",
  hidden: "Ocultos con un motivo público",
  supports: "Apoyos",
  byStatus: "Por respuesta",
  byChannel: "Por vía de recepción",
  bySector: "Por sector",
  status: {
    accepted: "Aceptado",
    partly_accepted: "Aceptado en parte",
    not_accepted: "No aceptado",
    answered: "Respondido",
    hidden: "Ocultos con un motivo público",
    none: "Sin respuesta",
  },
  channels: {
    online: "En línea",
    paper: "En papel",
    phone: "Por teléfono",
    workshop: "En un taller",
    radio: "Por radio",
  },
  sectors: {
    government: "Gobierno",
    civil_society: "Sociedad civil",
    academia: "Academia",
    private_sector: "Sector privado",
    citizen: "Ciudadanía",
  },
  plan: "El plan en su conjunto",
  commitment: (n, title) => (title.trim() ? `Compromiso ${n}: ${title}` : `Compromiso ${n} (sin título)`),
  removed: "Compromisos retirados desde entonces",
  ideas: "Ideas nuevas",
  noInputs: "Ningún aporte sobre esta parte.",
  participantFrom: (sector) => `Una persona participante de ${sector.toLowerCase()}`,
  supportCount: (n) => (n === 1 ? "1 apoyo" : `${n} apoyos`),
  hiddenReason: "Ocultado por la facilitación",
  answer: "Respuesta",
  noAnswer: "Sin respuesta todavía.",
};

const fr: ReportLabels = {
  heading: "Ce que nous avons entendu et ce que nous avons fait",
  period: "Période de la consultation",
  figures: "En chiffres",
  measure: "Mesure",
  count: "Contributions",
  inputs: "Contributions reçues",
  answered: "Avec réponse",
  unanswered: "En attente de réponse",
  hidden: "Masquées avec un motif public",
  supports: "Soutiens",
  byStatus: "Par réponse",
  byChannel: "Par voie de réception",
  bySector: "Par secteur",
  status: {
    accepted: "Acceptée",
    partly_accepted: "Acceptée en partie",
    not_accepted: "Non acceptée",
    answered: "Réponse donnée",
    hidden: "Masquées avec un motif public",
    none: "Sans réponse",
  },
  channels: {
    online: "En ligne",
    paper: "Sur papier",
    phone: "Par téléphone",
    workshop: "Lors d’un atelier",
    radio: "Par la radio",
  },
  sectors: {
    government: "Gouvernement",
    civil_society: "Société civile",
    academia: "Milieu universitaire",
    private_sector: "Secteur privé",
    citizen: "Citoyens",
  },
  plan: "Le plan dans son ensemble",
  commitment: (n, title) => (title.trim() ? `Engagement ${n} : ${title}` : `Engagement ${n} (sans titre)`),
  removed: "Engagements retirés depuis",
  ideas: "Nouvelles idées",
  noInputs: "Aucune contribution sur cette partie.",
  participantFrom: (sector) => `Une personne participante (${sector.toLowerCase()})`,
  supportCount: (n) => (n === 1 ? "1 soutien" : `${n} soutiens`),
  hiddenReason: "Masquée par l’équipe d’animation",
  answer: "Réponse",
  noAnswer: "Pas encore de réponse.",
};

export const REPORT_LABELS: Record<Locale, ReportLabels> = { en, es, fr };

const groupTitle = (group: ReportGroup, l: ReportLabels): string => {
  if (group.kind === "commitment") return l.commitment(group.number, group.title);
  return l[group.kind];
};

/** Who gave the input, as the public may see it: the name only with consent. */
const who = (input: ReportInput, l: ReportLabels): string => {
  const { name, sector, organization, community } = input.author;
  const person = name
    ? [name, organization].filter(Boolean).join(", ")
    : l.participantFrom(l.sectors[sector]);
  return [person, name ? l.sectors[sector] : null, community, l.channels[input.channel]]
    .filter(Boolean)
    .join(" · ");
};

/** Multi-line text as one quoted paragraph, each line break kept (escaped by the renderer). */
const quoted = (text: string): RichBlock => ({
  kind: "rich",
  style: "paragraph",
  quote: true,
  runs: text
    .split(/\r\n?|\n/)
    .flatMap((line, i) => (i === 0 ? [{ text: line }] : [{ text: "\n" }, { text: line }])),
});

/**
 * The report as format-neutral blocks in `locale`: the figures as small tables, then each group
 * with every input, who gave it (as public), its supports and its answer. Both downloads render
 * these through the plan exports' writers, so user text is escaped in one place.
 */
export function reportBlocks(report: ConsultationReport, locale: Locale): Block[] {
  const l = REPORT_LABELS[locale];
  const { consultation, counts } = report;
  const day = (iso: string) => iso.slice(0, 10);
  // The end is exclusive (midnight after the last day): print the last day.
  const lastDay = day(new Date(Date.parse(consultation.endsAt) - 60_000).toISOString());
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `${l.heading}: ${consultation.title}` },
    { kind: "field", label: l.period, text: `${day(consultation.startsAt)} – ${lastDay}` },
    { kind: "heading", level: 2, text: l.figures },
    {
      kind: "table",
      rows: [
        [l.measure, l.count],
        [l.inputs, String(counts.inputs)],
        [l.answered, String(counts.answered)],
        [l.unanswered, String(counts.unanswered)],
        [l.hidden, String(counts.hidden)],
        [l.supports, String(counts.supports)],
      ],
    },
    { kind: "heading", level: 3, text: l.byStatus },
    {
      kind: "table",
      rows: [
        [l.byStatus, l.count],
        ...STATUS_ORDER.map((s) => [l.status[s], String(counts.byStatus[s] ?? 0)]),
      ],
    },
    { kind: "heading", level: 3, text: l.byChannel },
    {
      kind: "table",
      rows: [
        [l.byChannel, l.count],
        ...counts.byChannel.map((c) => [l.channels[c.channel], String(c.count)]),
      ],
    },
    { kind: "heading", level: 3, text: l.bySector },
    {
      kind: "table",
      rows: [[l.bySector, l.count], ...counts.bySector.map((c) => [l.sectors[c.sector], String(c.count)])],
    },
  ];
  for (const group of report.groups) {
    blocks.push({ kind: "heading", level: 2, text: `${groupTitle(group, l)} (${group.inputs.length})` });
    if (group.inputs.length === 0) blocks.push({ kind: "paragraph", text: l.noInputs });
    for (const input of group.inputs) {
      blocks.push({
        kind: "rich",
        style: "paragraph",
        runs: [
          { text: who(input, l), bold: true },
          { text: ` — ${day(input.createdAt)} — ${l.supportCount(input.supports)}` },
        ],
      });
      if (input.body === null) {
        blocks.push({ kind: "field", label: l.hiddenReason, text: input.hiddenReason ?? "" });
      } else {
        blocks.push(quoted(input.body));
      }
      blocks.push(
        input.answer
          ? {
              kind: "field",
              label: `${l.answer} (${l.status[input.answer.status]})`,
              text: input.answer.reason,
            }
          : { kind: "paragraph", text: l.noAnswer },
      );
    }
  }
  return blocks;
}

/** The CSV download's columns: one input a row, as public as the page. */
export const REPORT_CSV_COLUMNS = [
  "group",
  "commitment_number",
  "commitment_title",
  "input_id",
  "kind",
  "created_at",
  "channel",
  "sector",
  "name",
  "organization",
  "community",
  "supports",
  "hidden",
  "hidden_reason",
  "text",
  "answer_status",
  "answer_reason",
  "answered_at",
] as const;

/**
 * One input a row (RFC 4180), formula-safe as the record's CSV is (`field`): values are codes
 * (sector, channel, status), so a spreadsheet's filters work in every language.
 */
export function reportCsv(report: ConsultationReport): string {
  const lines: string[] = [REPORT_CSV_COLUMNS.join(",")];
  for (const group of report.groups) {
    const commitment = group.kind === "commitment" ? group : null;
    for (const input of group.inputs) {
      const row: (string | number | null)[] = [
        group.kind,
        commitment?.number ?? null,
        commitment?.title ?? null,
        input.id,
        input.kind,
        input.createdAt,
        input.channel,
        input.author.sector,
        input.author.name,
        input.author.organization,
        input.author.community,
        input.supports,
        input.hiddenReason === null ? "no" : "yes",
        input.hiddenReason,
        input.body,
        input.answer?.status ?? "none",
        input.answer?.reason ?? null,
        input.answer?.at ?? null,
      ];
      lines.push(row.map(field).join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** The report as a download in `format`, labelled in `locale`. */
export function exportReport(
  report: ConsultationReport,
  format: ReportFormat,
  locale: Locale,
  slug: string,
): ExportFile {
  const filename = `${slug}-what-we-heard.${format}`;
  if (format === "csv") {
    return { body: reportCsv(report), contentType: "text/csv; charset=utf-8; header=present", filename };
  }
  const blocks = reportBlocks(report, locale);
  if (format === "md")
    return { body: toMarkdown(blocks), contentType: "text/markdown; charset=utf-8", filename };
  return { body: toDocx(blocks, locale), contentType: DOCX_CONTENT_TYPE, filename };
}
