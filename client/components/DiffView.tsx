import type { FieldComparison } from "@shared/planCompare";
import type { DiffPart } from "@shared/wordDiff";
import { useTranslation } from "react-i18next";

/** Turns a field's stored value into words: flags as yes/no, policy areas by name, empty as "(empty)". */
function useValueText(): (row: FieldComparison, value: string) => string {
  const { t } = useTranslation("versions");
  const { t: tp } = useTranslation("plan");
  return (row, value) => {
    if (value === "") return "";
    if (row.kind === "flag") return value === "true" ? t("compare.yes") : t("compare.no");
    if (row.kind === "policyArea") return tp(`policyAreas.${value}` as "policyAreas.climate");
    return value;
  };
}

/** The field's label: plan fields by the plan editor's own labels. */
function useFieldLabel(): (row: FieldComparison) => string {
  const { t } = useTranslation("versions");
  const { t: tp } = useTranslation("plan");
  return (row) => {
    const ogp = /^ogpValues\.(\w+)\.(checked|justification)$/.exec(row.field);
    if (ogp) {
      const value = tp(`ogp.values.${ogp[1]}` as "ogp.values.transparency");
      return t(ogp[2] === "checked" ? "compare.checked" : "compare.justification", { value });
    }
    const labels: Record<string, string> = {
      vision: tp("vision.label"),
      cocreationSummary: tp("cocreationSummary.label"),
      problem: tp("fields.problem.label"),
      commitment: tp("fields.commitment.label"),
      contribution: tp("fields.contribution.label"),
      description: `${t("compare.milestone")}: ${tp("milestones.description")}`,
      output: `${t("compare.milestone")}: ${tp("milestones.output")}`,
      responsible: `${t("compare.milestone")}: ${tp("milestones.responsible")}`,
    };
    if (row.milestoneId && (row.field === "startDate" || row.field === "endDate")) {
      return `${t("compare.milestone")}: ${tp(`fields.${row.field}`)}`;
    }
    return labels[row.field] ?? tp(`fields.${row.field}` as "fields.title");
  };
}

function Parts({ parts, row }: { parts: DiffPart[]; row: FieldComparison }) {
  const { t } = useTranslation("versions");
  const valueText = useValueText();
  if (parts.length === 0) return <span className="hint">{t("compare.empty")}</span>;
  return (
    <>
      {parts.map((part, i) => {
        const text = valueText(row, part.text);
        // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence per render
        if (part.kind === "same") return <span key={i}>{text}</span>;
        // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence per render
        return <Change key={i} kind={part.kind} text={text} />;
      })}
    </>
  );
}

/** Removed text struck through, added text underlined, each named for screen readers. */
function Change({ kind, text }: { kind: "removed" | "added"; text: string }) {
  const { t } = useTranslation("versions");
  const Tag = kind === "removed" ? "del" : "ins";
  return (
    <Tag className={`diff-${kind}`}>
      <span className="visually-hidden">
        [{t(kind === "removed" ? "compare.removed" : "compare.added")}]{" "}
      </span>
      {text}
    </Tag>
  );
}

/** Link addresses removed and added in a rich-text field: the words alone do not show them. */
function LinkChanges({ parts }: { parts: DiffPart[] }) {
  const { t } = useTranslation("versions");
  return (
    <>
      <p className="hint">{t("compare.links")}</p>
      <ul className="diff-links">
        {parts.map((part) =>
          part.kind === "same" ? null : (
            <li key={`${part.kind} ${part.text}`}>
              <Change kind={part.kind} text={part.text} />
            </li>
          ),
        )}
      </ul>
    </>
  );
}

/**
 * Two plans field by field, grouped by commitment, with removed words struck through and added
 * words underlined (and named for screen readers).
 */
export function DiffView({ rows }: { rows: FieldComparison[] }) {
  const { t } = useTranslation("versions");
  const fieldLabel = useFieldLabel();
  if (rows.length === 0) return <p>{t("compare.noChanges")}</p>;
  const groups: { key: string; title: string; rows: FieldComparison[] }[] = [];
  for (const row of rows) {
    const key = row.commitmentId ?? "plan";
    let group = groups.find((g) => g.key === key);
    if (!group) {
      group = {
        key,
        title: row.commitmentId
          ? t("compare.commitment", { title: row.commitmentTitle || t("compare.empty") })
          : t("compare.plan"),
        rows: [],
      };
      groups.push(group);
    }
    group.rows.push(row);
  }
  return (
    <div className="diff-view">
      {groups.map((group) => (
        <section key={group.key}>
          <h3>{group.title}</h3>
          <dl className="diff-fields">
            {group.rows.map((row) => (
              <div key={row.key} data-changed={row.changed} data-testid="diff-field">
                <dt>
                  {fieldLabel(row)}
                  {row.before === null && <span className="tag">{t("compare.onlyAfter")}</span>}
                  {row.after === null && <span className="tag">{t("compare.onlyBefore")}</span>}
                </dt>
                <dd className="diff-text">
                  <Parts parts={row.parts} row={row} />
                  {row.formattingChanged && <p className="hint">{t("compare.formattingChanged")}</p>}
                  {row.links.length > 0 && <LinkChanges parts={row.links} />}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
