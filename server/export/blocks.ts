import type { VersionDetail } from "@shared/freeze";
import { OGP_VALUES, type PolicyArea, type RichTextJson } from "@shared/plan";
import type { ExportLabels } from "./labels";
import { richTextBlocks } from "./richText";

/** A stretch of text with one set of marks; "\n" in `text` is a line break. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  underline?: boolean;
  code?: boolean;
  /** A safe (http, https, mailto) address: see safeLinkHref. */
  href?: string;
}

/** One list of a rich-text field; its items share this object, so a renderer can number each list. */
export interface ListInfo {
  ordered: boolean;
  start: number;
}

/** Where a block stands in a list: `first` is the block that carries the item's bullet or number. */
export interface ListPlace {
  list: ListInfo;
  /** 0 for a top-level list, 1 for a list inside one of its items, … */
  depth: number;
  number: number;
  first: boolean;
}

/** A block of a rich-text field, with its formatting. */
export interface RichBlock {
  kind: "rich";
  style: "paragraph" | "heading" | "code" | "rule";
  /** 1–6, for headings. */
  level?: number;
  runs: Run[];
  quote?: boolean;
  item?: ListPlace;
}

/** A table of plain-text cells; the first row is the header. */
export interface TableBlock {
  kind: "table";
  rows: string[][];
}

/**
 * A format-neutral line of an export: Markdown and DOCX each render these their own way, and each
 * renderer is the one place that makes user text safe for its format (escaping, characters XML
 * cannot hold), so every export built from blocks gets it.
 */
export type Block =
  | { kind: "heading"; level: 1 | 2 | 3 | 4; text: string }
  | { kind: "field"; label: string; text: string }
  | { kind: "paragraph"; text: string }
  | TableBlock
  | RichBlock;

const orEmpty = (text: string, labels: ExportLabels) => (text.trim() === "" ? labels.empty : text);

const dates = (start: string, end: string, labels: ExportLabels) =>
  start || end ? `${start || "…"} – ${end || "…"}` : labels.empty;

/**
 * Every field of an official version, in reading order, labelled in one language: the header
 * (version, date, hash, signatories), the vision and co-creation summary, then each commitment
 * with every field of the OGP Local template, its values and its milestones.
 */
export function versionBlocks(version: VersionDetail, labels: ExportLabels): Block[] {
  const { workspace, plan } = version.content;
  const f = labels.fields;
  const blocks: Block[] = [
    { kind: "heading", level: 1, text: `${labels.actionPlan}: ${workspace.name}` },
    { kind: "paragraph", text: [workspace.jurisdiction, workspace.country].filter(Boolean).join(", ") },
    {
      kind: "field",
      label: labels.period,
      text: dates(workspace.periodStart ?? "", workspace.periodEnd ?? "", labels),
    },
    {
      kind: "field",
      label: labels.version(version.number),
      text: `${labels.officialSince} ${version.officialAt}`,
    },
    { kind: "field", label: labels.hash, text: version.hash },
    { kind: "field", label: labels.schema, text: version.content.schema },
    { kind: "heading", level: 2, text: labels.signatories },
    ...version.signatures.map(
      (s): Block => ({
        kind: "paragraph",
        text: [s.name, s.organization, labels.sectors[s.sector], s.at].filter(Boolean).join(" · "),
      }),
    ),
    { kind: "heading", level: 2, text: labels.vision },
    ...richTextBlocks(plan.vision, 2, labels.empty),
    { kind: "heading", level: 2, text: labels.cocreationSummary },
    ...richTextBlocks(plan.cocreationSummary, 2, labels.empty),
  ];
  plan.commitments.forEach((c, i) => {
    const rich = (label: string, value: RichTextJson): Block[] => [
      { kind: "heading", level: 3, text: label },
      ...richTextBlocks(value, 3, labels.empty),
    ];
    const field = (label: string, text: string): Block => ({
      kind: "field",
      label,
      text: orEmpty(text, labels),
    });
    blocks.push(
      { kind: "heading", level: 2, text: `${labels.commitment(i + 1)}: ${orEmpty(c.title, labels)}` },
      field(f.title, c.title),
      field(f.leadAgency, c.leadAgency),
      field(f.contactPerson, c.contactPerson),
      field(f.dates, dates(c.startDate, c.endDate, labels)),
      ...rich(f.problem, c.problem),
      ...rich(f.commitment, c.commitment),
      ...rich(f.contribution, c.contribution),
      { kind: "heading", level: 3, text: f.ogpValues },
      ...OGP_VALUES.map((value) => {
        const entry = c.ogpValues[value];
        const state = entry?.checked ? labels.checked : labels.notChecked;
        return field(
          labels.ogpValues[value],
          entry?.justification ? `${state}. ${entry.justification}` : state,
        );
      }),
      { kind: "heading", level: 3, text: f.milestones },
    );
    if (c.milestones.length === 0) blocks.push({ kind: "paragraph", text: labels.empty });
    c.milestones.forEach((m, j) => {
      blocks.push(
        { kind: "heading", level: 4, text: f.milestone(j + 1) },
        field(f.description, m.description),
        field(f.output, m.output),
        field(f.responsible, m.responsible),
        field(f.dates, dates(m.startDate, m.endDate, labels)),
      );
    });
    blocks.push(
      field(f.governmentActors, c.governmentActors),
      field(f.nonGovernmentActors, c.nonGovernmentActors),
      field(f.policyArea, c.policyArea ? labels.policyAreas[c.policyArea as PolicyArea] : ""),
      field(f.budget, c.budget),
      field(f.sdg, c.sdg === null ? "" : String(c.sdg)),
    );
  });
  return blocks;
}
