import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { PublicVersion } from "~/components/PublicVersion";
import { usePageTitle } from "~/hooks/usePageTitle";

/** `/p/:slug/v/:number`: one official version on its own page, for reading, printing and citing. */
export function PublicVersionPage() {
  const { t } = useTranslation("versions");
  const { slug = "", number = "latest" } = useParams();
  usePageTitle(t("publicPageTitle", { name: slug }));
  return <PublicVersion slug={slug} number={number} standalone />;
}
