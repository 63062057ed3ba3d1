import type { ConsultationsResponse } from "@shared/consultation";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ConsultationWhen } from "~/components/consultation/ConsultationWhen";
import { useApiGet } from "~/hooks/useApiGet";
import { useWorkspace } from "~/hooks/useWorkspace";

/** The latest public consultation and its status; nothing until one has been opened. */
export function ConsultationCard() {
  const { t } = useTranslation("consultation");
  const { workspace, revision } = useWorkspace();
  const list = useApiGet<ConsultationsResponse>(
    `/api/workspaces/${encodeURIComponent(workspace.id)}/consultations`,
    revision,
  );
  const latest = list.data?.consultations[0];
  if (!latest) return null;
  return (
    <section className="card" aria-labelledby="consultation-card-title" data-testid="consultation-card">
      <h3 id="consultation-card-title" className="section-title">
        {t("dashboard.title")}
      </h3>
      <p>
        <Link to={`/w/${encodeURIComponent(workspace.id)}/consultation`} className="strong-link">
          {latest.title}
        </Link>
      </p>
      <ConsultationWhen consultation={latest} />
    </section>
  );
}
