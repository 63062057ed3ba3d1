import { type FrozenPlan, richTextPlain } from "./freeze";
import { type CommitmentJson, type MilestoneJson, OGP_VALUES } from "./plan";
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
}

const COMMITMENT_FIELDS: { field: string; kind: FieldKind; read(c: CommitmentJson): string }[] = [
  { field: "title", kind: "text", read: (c) => c.title },
  { field: "leadAgency", kind: "text", read: (c) => c.leadAgency },
  { field: "contactPerson", kind: "text", read: (c) => c.contactPerson },
  { field: "startDate", kind: "date", read: (c) => c.startDate },
  { field: "endDate", kind: "date", read: (c) => c.endDate },
  { field: "problem", kind: "text", read: (c) => richTextPlain(c.problem) },
  { field: "commitment", kind: "text", read: (c) => richTextPlain(c.commitment) },
  { field: "contribution", kind: "text", read: (c) => richTextPlain(c.contribution) },
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
    },
    {
      key: "cocreationSummary",
      commitmentId: null,
      milestoneId: null,
      field: "cocreationSummary",
      kind: "text",
      value: richTextPlain(plan.cocreationSummary),
    },
  ];
  for (const c of plan.commitments) {
    for (const { field, kind, read } of COMMITMENT_FIELDS) {
      fields.push({
        key: `c:${c.id}:${field}`,
        commitmentId: c.id,
        milestoneId: null,
        field,
        kind,
        value: read(c),
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
export interface FieldComparison extends Omit<PlanField, "value"> {
  before: string | null;
  after: string | null;
  changed: boolean;
  /** Word-level differences of text fields; a single replacement for other kinds. */
  parts: DiffPart[];
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
  const row = (f: PlanField, b: string | null, a: string | null): FieldComparison => ({
    key: f.key,
    commitmentId: f.commitmentId,
    milestoneId: f.milestoneId,
    field: f.field,
    kind: f.kind,
    before: b,
    after: a,
    changed: b !== a,
    parts: partsFor(f.kind, b ?? "", a ?? ""),
    commitmentTitle: f.commitmentId === null ? null : (titles.get(f.commitmentId) ?? null),
  });
  const newFields = planFields(after);
  newFields.forEach((f, index) => {
    seen.add(f.key);
    rows.push(row(f, old.get(f.key)?.value ?? null, f.value));
    // Fields of this commitment that only the older plan has go right after its last new field.
    const next = newFields[index + 1];
    if (f.commitmentId !== null && next?.commitmentId !== f.commitmentId) {
      for (const gone of old.values()) {
        if (gone.commitmentId === f.commitmentId && !seen.has(gone.key)) {
          seen.add(gone.key);
          rows.push(row(gone, gone.value, null));
        }
      }
    }
  });
  for (const gone of old.values()) if (!seen.has(gone.key)) rows.push(row(gone, gone.value, null));
  return rows;
}
