import { canonicalJson, type FrozenPlan, richTextPlain, safeLinkHref } from "./freeze";
import { type CommitmentJson, type MilestoneJson, OGP_VALUES, type RichTextJson } from "./plan";
import { type DiffPart, wordDiff } from "./wordDiff";

/** How a field's value reads: free text, a date, a yes/no flag, a policy area code or an SDG number. */
export type FieldKind = "text" | "date" | "flag" | "policyArea" | "sdg";

/** One field of a frozen plan, flattened so two plans can be lined up field by field. */
export interface PlanField {
  /** Stable across versions: commitments and milestones by id, e.g. `c:<id>:m:<id>:output`. */
  key: string;
  commitmentId: string | null;
  milestoneId: string | null;
  /** The field's name: "vision", "title", "ogpValues.transparency.checked", "output", … */
  field: string;
  kind: FieldKind;
  /** As text: flags "true"/"false", an SDG as its number, absent values "". */
  value: string;
  /** Rich-text fields: the formatted value, whose formatting and links the text alone hides. */
  rich?: RichTextJson;
}

type RichField = "problem" | "commitment" | "contribution";
const richField = (field: RichField) => ({
  field,
  kind: "text" as const,
  read: (c: CommitmentJson) => richTextPlain(c[field]),
  rich: (c: CommitmentJson) => c[field],
});

const COMMITMENT_FIELDS: {
  field: string;
  kind: FieldKind;
  read(c: CommitmentJson): string;
  rich?(c: CommitmentJson): RichTextJson;
}[] = [
  { field: "title", kind: "text", read: (c) => c.title },
  { field: "leadAgency", kind: "text", read: (c) => c.leadAgency },
  { field: "contactPerson", kind: "text", read: (c) => c.contactPerson },
  { field: "startDate", kind: "date", read: (c) => c.startDate },
  { field: "endDate", kind: "date", read: (c) => c.endDate },
  richField("problem"),
  richField("commitment"),
  richField("contribution"),
  ...OGP_VALUES.flatMap((value) => [
    {
      field: `ogpValues.${value}.checked`,
      kind: "flag" as const,
      read: (c: CommitmentJson) => String(c.ogpValues[value]?.checked ?? false),
    },
    {
      field: `ogpValues.${value}.justification`,
      kind: "text" as const,
      read: (c: CommitmentJson) => c.ogpValues[value]?.justification ?? "",
    },
  ]),
  { field: "governmentActors", kind: "text", read: (c) => c.governmentActors },
  { field: "nonGovernmentActors", kind: "text", read: (c) => c.nonGovernmentActors },
  { field: "policyArea", kind: "policyArea", read: (c) => c.policyArea },
  { field: "budget", kind: "text", read: (c) => c.budget },
  { field: "sdg", kind: "sdg", read: (c) => (c.sdg === null ? "" : String(c.sdg)) },
];

const MILESTONE_FIELDS: { field: keyof MilestoneJson; kind: FieldKind }[] = [
  { field: "description", kind: "text" },
  { field: "output", kind: "text" },
  { field: "responsible", kind: "text" },
  { field: "startDate", kind: "date" },
  { field: "endDate", kind: "date" },
];

/** Every field of a frozen plan in reading order: the plan's own, then each commitment's. */
export function planFields(frozen: FrozenPlan): PlanField[] {
  const { plan } = frozen;
  const fields: PlanField[] = [
    {
      key: "vision",
      commitmentId: null,
      milestoneId: null,
      field: "vision",
      kind: "text",
      value: richTextPlain(plan.vision),
      rich: plan.vision,
    },
    {
      key: "cocreationSummary",
      commitmentId: null,
      milestoneId: null,
      field: "cocreationSummary",
      kind: "text",
      value: richTextPlain(plan.cocreationSummary),
      rich: plan.cocreationSummary,
    },
  ];
  for (const c of plan.commitments) {
    for (const { field, kind, read, rich } of COMMITMENT_FIELDS) {
      fields.push({
        key: `c:${c.id}:${field}`,
        commitmentId: c.id,
        milestoneId: null,
        field,
        kind,
        value: read(c),
        ...(rich ? { rich: rich(c) } : {}),
      });
    }
    for (const m of c.milestones) {
      for (const { field, kind } of MILESTONE_FIELDS) {
        fields.push({
          key: `c:${c.id}:m:${m.id}:${field}`,
          commitmentId: c.id,
          milestoneId: m.id,
          field,
          kind,
          value: m[field],
        });
      }
    }
  }
  return fields;
}

/** One field in both plans; `before` or `after` is null where the field exists on one side only. */
export interface FieldComparison extends Omit<PlanField, "value" | "rich"> {
  before: string | null;
  after: string | null;
  /** The words, the formatting or the link addresses differ. */
  changed: boolean;
  /** Word-level differences of text fields; a single replacement for other kinds. */
  parts: DiffPart[];
  /** Rich text whose words are the same but whose formatting (bold, lists, …) or links differ. */
  formattingChanged: boolean;
  /** Link addresses removed and added, which the words do not show; empty when they are the same. */
  links: DiffPart[];
  /** The commitment's title in the newer plan (or the older one when it was removed). */
  commitmentTitle: string | null;
}

function partsFor(kind: FieldKind, before: string, after: string): DiffPart[] {
  if (kind === "text") return wordDiff(before, after);
  if (before === after) return before ? [{ kind: "same", text: before }] : [];
  return [
    ...(before ? [{ kind: "removed" as const, text: before }] : []),
    ...(after ? [{ kind: "added" as const, text: after }] : []),
  ];
}

/** The distinct safe link addresses of a rich-text field, sorted. */
function linksOf(node: RichTextJson | undefined): string[] {
  const links = new Set<string>();
  const walk = (n: RichTextJson) => {
    for (const mark of n.marks ?? []) {
      const href = mark.type === "link" ? safeLinkHref(mark.attrs?.href) : null;
      if (href) links.add(href);
    }
    n.content?.forEach(walk);
  };
  if (node) walk(node);
  return [...links].sort();
}

/** Rich text without its blank paragraphs: spacing, not content (the exports drop them too). */
function withoutBlankParagraphs(node: RichTextJson): RichTextJson {
  const { content, ...rest } = node;
  const kept = (content ?? [])
    .filter((child) => child.type !== "paragraph" || (child.content?.length ?? 0) > 0)
    .map(withoutBlankParagraphs);
  return kept.length > 0 ? { ...rest, content: kept } : rest;
}

const layoutOf = (field: PlanField | undefined): string =>
  canonicalJson(field?.rich ? withoutBlankParagraphs(field.rich) : null);

function linkParts(before: PlanField | undefined, after: PlanField | undefined): DiffPart[] {
  const [old, now] = [linksOf(before?.rich), linksOf(after?.rich)];
  return [
    ...old.filter((href) => !now.includes(href)).map((text) => ({ kind: "removed" as const, text })),
    ...now.filter((href) => !old.includes(href)).map((text) => ({ kind: "added" as const, text })),
  ];
}

/**
 * Lines up two frozen plans field by field (commitments and milestones matched by id, so a
 * moved commitment compares with itself) in the newer plan's order, fields only in the older
 * plan after the rest of their commitment.
 */
export function comparePlans(before: FrozenPlan, after: FrozenPlan): FieldComparison[] {
  const old = new Map(planFields(before).map((f) => [f.key, f]));
  const titles = new Map<string, string>();
  for (const c of [...before.plan.commitments, ...after.plan.commitments]) titles.set(c.id, c.title);
  const rows: FieldComparison[] = [];
  const seen = new Set<string>();
  const row = (f: PlanField, older: PlanField | undefined, newer: PlanField | undefined): FieldComparison => {
    const [b, a] = [older?.value ?? null, newer?.value ?? null];
    const formattingChanged = b !== null && b === a && layoutOf(older) !== layoutOf(newer);
    const links = older && newer ? linkParts(older, newer) : [];
    return {
      key: f.key,
      commitmentId: f.commitmentId,
      milestoneId: f.milestoneId,
      field: f.field,
      kind: f.kind,
      before: b,
      after: a,
      changed: b !== a || formattingChanged || links.length > 0,
      parts: partsFor(f.kind, b ?? "", a ?? ""),
      formattingChanged,
      links,
      commitmentTitle: f.commitmentId === null ? null : (titles.get(f.commitmentId) ?? null),
    };
  };
  const newFields = planFields(after);
  newFields.forEach((f, index) => {
    seen.add(f.key);
    rows.push(row(f, old.get(f.key), f));
    // Fields of this commitment that only the older plan has go right after its last new field.
    const next = newFields[index + 1];
    if (f.commitmentId !== null && next?.commitmentId !== f.commitmentId) {
      for (const gone of old.values()) {
        if (gone.commitmentId === f.commitmentId && !seen.has(gone.key)) {
          seen.add(gone.key);
          rows.push(row(gone, gone, undefined));
        }
      }
    }
  });
  for (const gone of old.values()) if (!seen.has(gone.key)) rows.push(row(gone, gone, undefined));
  return rows;
}
