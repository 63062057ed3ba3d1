import { fieldAnchor } from "@shared/freeze";
import { getPlan, type PlanRichField } from "@shared/plan";
import { useTranslation } from "react-i18next";
import { usePlanEditor } from "./PlanEditorContext";
import { RichTextField } from "./RichTextField";
import { useReportLocation } from "./useReportLocation";

/** One of the plan's own rich-text sections: the vision or the co-creation summary. */
export function PlanSection({ place }: { place: PlanRichField }) {
  const { t } = useTranslation("plan");
  const { doc, provider, user, editable } = usePlanEditor();
  const reportLocation = useReportLocation(place);
  return (
    <RichTextField
      fragment={getPlan(doc)[place]}
      label={t(`${place}.label`)}
      hint={t(`${place}.hint`)}
      anchor={fieldAnchor(null, place)}
      provider={provider}
      user={user}
      editable={editable}
      onFocus={reportLocation}
    />
  );
}
