import type { PlanAuthorsResponse } from "@shared/record";
import type { Sector } from "@shared/roles";
import { type ReactNode, useId, useMemo, useState } from "react";
import { ToggleButton, ToggleButtonGroup } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useApiGet } from "~/hooks/useApiGet";
import { AuthorshipContext, type AuthorshipMode, authorKeys } from "./authorship";

const MODES = ["off", "sector", "member"] as const satisfies readonly AuthorshipMode[];

interface Props {
  workspaceId: string;
  /** The plan as read: its passages take their authors' colours while the reader asks for them. */
  children: ReactNode;
}

/**
 * "Show who wrote what": off, by sector or by member. The authors come from the server's record
 * of who wrote with each client id (fetched only when asked), never from what a browser claims.
 */
export function AuthorshipControls({ workspaceId, children }: Props) {
  const { t } = useTranslation("plan");
  const { t: tc } = useTranslation();
  const labelId = useId();
  const [mode, setMode] = useState<AuthorshipMode>("off");
  const authors = useApiGet<PlanAuthorsResponse>(
    mode === "off" ? null : `/api/workspaces/${workspaceId}/record/authors`,
  );
  const keys = useMemo(() => {
    if (mode === "off" || !authors.data) return null;
    return authorKeys(authors.data.authors, mode, {
      sector: (sector: Sector | null) => (sector ? tc(`sectors.${sector}`) : t("reading.authorship.unknown")),
      formerMember: t("reading.authorship.formerMember"),
    });
  }, [mode, authors.data, t, tc]);

  return (
    <>
      <div className="authorship-controls">
        <span id={labelId}>{t("reading.authorship.label")}</span>
        <ToggleButtonGroup
          className="mode-switch"
          aria-labelledby={labelId}
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[mode]}
          onSelectionChange={(keys) => {
            const [key] = keys;
            if (key === "off" || key === "sector" || key === "member") setMode(key);
          }}
        >
          {MODES.map((each) => (
            <ToggleButton key={each} id={each} className="mode-button">
              {t(`reading.authorship.${each}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {mode !== "off" && authors.loading && !authors.data && (
          <span className="hint" role="status">
            {t("reading.authorship.loading")}
          </span>
        )}
        {mode !== "off" && authors.error !== null && (
          <span className="field-error" role="alert">
            {t("reading.authorship.failed")}
          </span>
        )}
        {keys && (
          <ul className="authorship-legend" aria-label={t("reading.authorship.legend")}>
            {keys.legend.map((entry) => (
              <li key={entry.key}>
                <span className="authorship-swatch" style={{ background: entry.color }} aria-hidden="true" />
                {entry.label}
              </li>
            ))}
          </ul>
        )}
      </div>
      <AuthorshipContext.Provider value={keys?.byClient ?? null}>{children}</AuthorshipContext.Provider>
    </>
  );
}
