import type { UnansweredInputs } from "./consultation";
import {
  CORE_OGP_VALUES,
  type CommitmentJson,
  type OgpValue,
  type PlanJson,
  type RichTextJson,
  relevantValues,
} from "./plan";
import type { CocreationRecord } from "./record";
import type { Role, Sector } from "./roles";
import type { VersionSeal } from "./seal";
import type { SignOffRules, SignOffState } from "./signOff";

/**
 * Freezing the action plan: the self-check run before a proposal, the canonical JSON that is
 * hashed and signed, and the shapes of proposals, signatures and official versions. Isomorphic:
 * the server hashes the canonical text with node:crypto; nothing here needs it.
 */

/** The versioned schema of a frozen plan (the canonical JSON and the JSON export). */
export const PLAN_SCHEMA = "cocrea.plan/v1";

/** The workspace facts frozen with the plan: a version names its jurisdiction and period. */
export interface FrozenWorkspace {
  name: string;
  jurisdiction: string;
  country: string | null;
  periodStart: string | null;
  periodEnd: string | null;
}

/**
 * What a proposal pins and an official version keeps: schema `cocrea.plan/v1`. Proposals since the
 * forum's rules became explicit also pin the sign-off `rules` they are decided under; versions
 * frozen before have none (the rule then was one government and one civil-society signature).
 * Proposals since the record of co-creation existed pin it too, so the version's hash covers it.
 */
export interface FrozenPlan {
  schema: typeof PLAN_SCHEMA;
  workspace: FrozenWorkspace;
  plan: PlanJson;
  rules?: SignOffRules;
  /** The record of co-creation as it stood when the plan was proposed (proposals since it existed). */
  record?: CocreationRecord;
}

// ---------------------------------------------------------------------------------------------
// Canonical JSON

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const markKey = (mark: { type: string }): string => `${mark.type}\u0000${canonicalJson(mark)}`;

/**
 * A rich-text tree in one form whatever the typing history: adjacent text runs with the same marks
 * merged (Yjs may split a paragraph's text into several runs), empty runs dropped, marks sorted.
 */
export function normalizeRichText(node: RichTextJson): RichTextJson {
  if (node.type === "text") {
    if (!node.marks || node.marks.length === 0) return { type: "text", text: node.text ?? "" };
    return { ...node, marks: [...node.marks].sort((a, b) => (markKey(a) < markKey(b) ? -1 : 1)) };
  }
  if (!node.content) return node;
  const merged: RichTextJson[] = [];
  for (const child of node.content.map(normalizeRichText)) {
    if (child.type === "text" && !child.text) continue;
    const previous = merged.at(-1);
    if (
      previous?.type === "text" &&
      child.type === "text" &&
      canonicalJson(previous.marks ?? []) === canonicalJson(child.marks ?? [])
    ) {
      merged[merged.length - 1] = { ...previous, text: `${previous.text ?? ""}${child.text ?? ""}` };
    } else {
      merged.push(child);
    }
  }
  const { content: _content, ...rest } = node;
  return merged.length > 0 ? { ...rest, content: merged } : rest;
}

function canonicalValue(value: unknown): Json {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("canonical JSON has no room for NaN or Infinity");
    return value;
  }
  if (typeof value === "string") return value.normalize("NFC");
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (typeof value === "object") {
    const out: { [key: string]: Json } = {};
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .map(([key, child]) => [key.normalize("NFC"), child] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, child] of entries) out[key] = canonicalValue(child);
    return out;
  }
  throw new Error(`canonical JSON cannot hold a ${typeof value}`);
}

/**
 * JSON text with object keys sorted recursively (by UTF-16 code units), strings in Unicode NFC,
 * no whitespace, arrays in their given order. Equal content gives equal text, hence equal hashes.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value));
}

/** The frozen document for a plan: rich text normalized (see `normalizeRichText`). */
export function freezePlan(workspace: FrozenWorkspace, plan: PlanJson): FrozenPlan {
  const rich = normalizeRichText;
  return {
    schema: PLAN_SCHEMA,
    workspace: {
      name: workspace.name,
      jurisdiction: workspace.jurisdiction,
      country: workspace.country,
      periodStart: workspace.periodStart,
      periodEnd: workspace.periodEnd,
    },
    plan: {
      vision: rich(plan.vision),
      cocreationSummary: rich(plan.cocreationSummary),
      commitments: plan.commitments.map((c) => ({
        ...c,
        problem: rich(c.problem),
        commitment: rich(c.commitment),
        contribution: rich(c.contribution),
      })),
    },
  };
}

const BLOCKS_WITH_BREAK = new Set(["paragraph", "heading", "listItem", "blockquote", "codeBlock"]);

/** The words of a rich-text field, one line per paragraph (for checks, diffs and exports). */
export function richTextPlain(node: RichTextJson): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const inner = (node.content ?? []).map(richTextPlain).join("");
  if (BLOCKS_WITH_BREAK.has(node.type)) return `${inner}\n`;
  return node.type === "doc" ? inner.replace(/\n+$/, "") : inner;
}

const LINK_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * A link's address as the exports and the public page may show it: an absolute http, https or
 * mailto URL, normalized (spaces and quotes percent-encoded); null for anything else (javascript:,
 * relative paths, garbage a misbehaving client wrote into the document).
 */
export function safeLinkHref(href: unknown): string | null {
  if (typeof href !== "string") return null;
  try {
    const url = new URL(href.trim());
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Self-check

/** What the self-check finds; blocking problems stop a proposal, warnings do not. */
export const SELF_CHECK_CODES = {
  no_commitments: "blocking",
  too_many_commitments: "blocking",
  empty_commitment: "blocking",
  missing_vision: "warning",
  missing_cocreation_summary: "warning",
  missing_title: "warning",
  missing_problem: "warning",
  // A commitment nobody can implement or verify: no text of what will be done, no lead agency
  // answerable for it, no milestone to assess (the IRM does not assess it further).
  missing_commitment_text: "blocking",
  missing_lead_agency: "blocking",
  no_milestones: "blocking",
  milestone_without_dates: "warning",
  milestone_without_output: "warning",
  no_ogp_value: "warning",
  value_without_justification: "warning",
  value_not_counted: "warning",
  // Every input of a consultation gets a public answer; a freeze before that is allowed but flagged.
  unanswered_consultation_inputs: "warning",
} as const;
export type SelfCheckCode = keyof typeof SELF_CHECK_CODES;
export type Severity = "blocking" | "warning";

/**
 * One finding. `field` is the key of the field to fix in the plan page's terms ("problem",
 * "milestones", "milestones.<id>.output", "ogpValues.transparency", "vision", …), null for the
 * plan as a whole; `fieldAnchor` turns it into an element id.
 */
export interface SelfCheckProblem {
  code: SelfCheckCode;
  severity: Severity;
  /** Null for plan-wide findings. */
  commitmentId: string | null;
  /** 1-based number of the commitment in the agreed order, for messages; null plan-wide. */
  commitmentNumber: number | null;
  field: string | null;
  /** The OGP value concerned, for the value_* codes. */
  value?: OgpValue;
  /** The closed consultation concerned and its unanswered inputs, for unanswered_consultation_inputs. */
  consultation?: UnansweredInputs;
}

export interface SelfCheckResult {
  problems: SelfCheckProblem[];
  blocking: number;
  warnings: number;
}

/**
 * The element id of a field on the plan page: `field-<commitmentId>-<field>` with dots as dashes
 * (`field-vision` for plan-wide fields, `commitment-<id>` for a commitment as a whole).
 */
export function fieldAnchor(commitmentId: string | null, field: string | null): string {
  if (commitmentId === null) return `field-${field ?? "plan"}`;
  if (field === null) return `commitment-${commitmentId}`;
  return `field-${commitmentId}-${field.replaceAll(".", "-")}`;
}

const blank = (text: string): boolean => text.trim() === "";
const blankRich = (node: RichTextJson): boolean => blank(richTextPlain(node));

/** True when a commitment has nothing written in it at all. */
function isEmptyCommitment(c: CommitmentJson): boolean {
  const texts = [c.title, c.leadAgency, c.contactPerson, c.governmentActors, c.nonGovernmentActors, c.budget];
  return (
    texts.every(blank) &&
    [c.problem, c.commitment, c.contribution].every(blankRich) &&
    c.milestones.length === 0 &&
    Object.values(c.ogpValues).every((v) => !v.checked && blank(v.justification))
  );
}

function checkCommitment(c: CommitmentJson, number: number): SelfCheckProblem[] {
  const problems: SelfCheckProblem[] = [];
  const add = (code: SelfCheckCode, field: string | null, value?: OgpValue) =>
    problems.push({
      code,
      severity: SELF_CHECK_CODES[code],
      commitmentId: c.id,
      commitmentNumber: number,
      field,
      ...(value ? { value } : {}),
    });
  if (isEmptyCommitment(c)) {
    add("empty_commitment", null);
    return problems;
  }
  if (blank(c.title)) add("missing_title", "title");
  if (blankRich(c.problem)) add("missing_problem", "problem");
  if (blankRich(c.commitment)) add("missing_commitment_text", "commitment");
  if (blank(c.leadAgency)) add("missing_lead_agency", "leadAgency");
  if (c.milestones.length === 0) add("no_milestones", "milestones");
  for (const m of c.milestones) {
    if (m.startDate === "" || m.endDate === "") add("milestone_without_dates", `milestones.${m.id}.dates`);
    if (blank(m.output)) add("milestone_without_output", `milestones.${m.id}.output`);
  }
  const checked = (Object.keys(c.ogpValues) as OgpValue[]).filter((v) => c.ogpValues[v].checked);
  const { counted, notCounted } = relevantValues(checked);
  const justified = counted.filter((v) => !blank(c.ogpValues[v].justification));
  const coreJustified = justified.some((v) => (CORE_OGP_VALUES as readonly OgpValue[]).includes(v));
  if (!coreJustified) add("no_ogp_value", "ogpValues");
  for (const value of checked) {
    if (blank(c.ogpValues[value].justification)) {
      add("value_without_justification", `ogpValues.${value}`, value);
    }
  }
  for (const value of notCounted) add("value_not_counted", `ogpValues.${value}`, value);
  return problems;
}

/**
 * The IRM-style check run before freezing (see shared/domain.md): per commitment a problem, the
 * commitment text, milestones with dates and output, a lead agency and at least one of
 * transparency, participation or accountability checked and justified. Blocking: no commitment,
 * more than `maxCommitments`, an empty commitment, or a commitment without its commitment text,
 * its lead agency or a milestone; everything else is a warning.
 */
export function selfCheck(plan: PlanJson, maxCommitments: number): SelfCheckResult {
  const plain = (code: SelfCheckCode, field: string | null): SelfCheckProblem => ({
    code,
    severity: SELF_CHECK_CODES[code],
    commitmentId: null,
    commitmentNumber: null,
    field,
  });
  const problems: SelfCheckProblem[] = [];
  if (plan.commitments.length === 0) problems.push(plain("no_commitments", null));
  if (plan.commitments.length > maxCommitments) problems.push(plain("too_many_commitments", null));
  if (blankRich(plan.vision)) problems.push(plain("missing_vision", "vision"));
  if (blankRich(plan.cocreationSummary))
    problems.push(plain("missing_cocreation_summary", "cocreationSummary"));
  plan.commitments.forEach((c, i) => {
    problems.push(...checkCommitment(c, i + 1));
  });
  const blocking = problems.filter((p) => p.severity === "blocking").length;
  return { problems, blocking, warnings: problems.length - blocking };
}

/**
 * The self-check with a warning for each closed consultation whose inputs are not all answered:
 * what the plan's text alone cannot tell, so the server adds it to the plan's check.
 */
export function withConsultationWarnings(
  check: SelfCheckResult,
  unanswered: readonly UnansweredInputs[],
): SelfCheckResult {
  const added: SelfCheckProblem[] = unanswered
    .filter((u) => u.count > 0)
    .map((consultation) => ({
      code: "unanswered_consultation_inputs",
      severity: SELF_CHECK_CODES.unanswered_consultation_inputs,
      commitmentId: null,
      commitmentNumber: null,
      field: null,
      consultation,
    }));
  return {
    problems: [...check.problems, ...added],
    blocking: check.blocking,
    warnings: check.warnings + added.length,
  };
}

// ---------------------------------------------------------------------------------------------
// API shapes

/** A signatory's decision, with who they were when they made it (copied at the time). */
export interface Signature {
  userId: string;
  name: string;
  organization: string | null;
  sector: Sector;
  role: Role;
  decision: "signed" | "declined";
  /** The hash they saw and signed (or declined). */
  hash: string;
  /** Only for declines. */
  reason: string | null;
  at: string;
}

export type ProposalStatus = "open" | "withdrawn" | "official";

export interface Proposal {
  id: string;
  workspaceId: string;
  status: ProposalStatus;
  hash: string;
  proposedBy: { userId: string; name: string };
  proposedAt: string;
  /** The self-check's warnings when it was proposed. */
  warnings: SelfCheckProblem[];
  signatures: Signature[];
  /** The sign-off rules frozen with the proposal, and where its sign-off stands under them. */
  rules: SignOffRules;
  signOff: SignOffState;
  closedAt: string | null;
  withdrawReason: string | null;
  /** The official version it became, once it did. */
  versionNumber: number | null;
}

/** An official version as lists show it. */
export interface VersionSummary {
  number: number;
  hash: string;
  schema: string;
  officialAt: string;
  proposedAt: string;
  signatures: Signature[];
  /** Those who declined to sign, with their reasons: they stay on the record of the version. */
  declines: Signature[];
}

/** An official version with its content and the server's seal, as served once it was checked. */
export interface VersionDetail extends VersionSummary {
  content: FrozenPlan;
  seal: VersionSeal;
}

export interface FreezeStatusResponse {
  /** The open proposal, or null. */
  proposal: Proposal | null;
  /** The self-check of the draft as stored now. */
  check: SelfCheckResult;
}
export interface ProposalResponse {
  proposal: Proposal;
  /** When this signature made the plan official. */
  version?: VersionSummary | null;
}
export interface ProposalDetailResponse {
  proposal: Proposal;
  content: FrozenPlan;
}
/** The official versions that pass their check, and the numbers of those withheld because they fail it. */
export interface CheckedVersions {
  versions: VersionSummary[];
  /** Versions that failed their integrity check: not served as official, named so nobody thinks them lost. */
  withheld: number[];
}
export type VersionsResponse = CheckedVersions;
export interface VersionResponse {
  version: VersionDetail;
}
export interface DraftResponse {
  content: FrozenPlan;
}
/** The public page: what is official, nothing else. */
export interface PublicVersionsResponse extends CheckedVersions {
  workspace: { slug: string; name: string; jurisdiction: string };
}
export interface PublicVersionResponse {
  workspace: { slug: string; name: string; jurisdiction: string };
  version: VersionDetail;
}

export const EXPORT_FORMATS = ["md", "docx", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Longest reason for declining or withdrawing. */
export const FREEZE_REASON_MAX = 1000;
/** A SHA-256 digest in lowercase hex. */
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
