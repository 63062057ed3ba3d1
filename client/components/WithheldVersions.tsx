import { TriangleAlert } from "lucide-react";
import { useTranslation } from "react-i18next";

/**
 * Says which official versions failed their integrity check, so that a reader who misses one
 * knows why: the server withholds them rather than serve a text that was changed behind its back.
 */
export function WithheldVersions({ numbers }: { numbers: number[] }) {
  const { t, i18n } = useTranslation("versions");
  if (numbers.length === 0) return null;
  const list = new Intl.ListFormat(i18n.resolvedLanguage, { type: "conjunction" }).format(
    numbers.map(String),
  );
  return (
    <p className="callout warning" role="note">
      <TriangleAlert aria-hidden="true" size={18} />
      {t("withheld", { count: numbers.length, numbers: list })}
    </p>
  );
}
