import { useTranslation } from "react-i18next";
import type { StreamStatus } from "~/hooks/useWorkspaceEvents";

/** Says whether live updates are arriving; a polite live region, so changes are announced without interrupting. */
export function StreamStatusBadge({ status }: { status: StreamStatus }) {
  const { t } = useTranslation();
  return (
    <p className="stream-status" data-status={status} role="status">
      <span className="dot" aria-hidden="true" />
      <span className="label">{t(`stream.${status}`)}</span>
    </p>
  );
}
