import { richTextPlain, type VersionDetail } from "@shared/freeze";
import { OGP_VALUES, type PolicyArea } from "@shared/plan";
import type { ExportLabels } from "./labels";

/** A format-neutral line of an export: Markdown and DOCX each render these their own way. */
export type Block =
  | { kind: "heading"; level: 1 | 2 | 3 | 4; text: string }
  | { kind: "field"; label: string; text: string }
  | { kind: "paragraph"; text: string };

const orEmpty = (text: string, labels: ExportLabels) => (text.trim() === "" ? labels.empty : text);

/** Paragraphs of a multi-line text, each its own block. */
const paragraphs = (text: string, labels: ExportLabels): Block[] =>
  orEmpty(text, labels)
    .split("\n")
    .map((line) => ({ kind: "paragraph", text: line }));

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
    ...paragraphs(richTextPlain(plan.vision), labels),
    { kind: "heading", level: 2, text: labels.cocreationSummary },
    ...paragraphs(richTextPlain(plan.cocreationSummary), labels),
  ];
  plan.commitments.forEach((c, i) => {
    const rich = (label: string, text: string): Block[] => [
      { kind: "heading", level: 3, text: label },
      ...paragraphs(text, labels),
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
      ...rich(f.problem, richTextPlain(c.problem)),
      ...rich(f.commitment, richTextPlain(c.commitment)),
      ...rich(f.contribution, richTextPlain(c.contribution)),
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
