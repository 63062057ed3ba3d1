import type { PlanAuthorsResponse } from "@shared/record";
import type { Sector } from "@shared/roles";
import { type ReactNode, useEffect, useId, useMemo, useRef } from "react";
import { ToggleButton, ToggleButtonGroup } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { useApiGet } from "~/hooks/useApiGet";
import {
  AuthorshipContext,
  authorKeys,
  authorshipStoreFor,
  tint,
  UNKNOWN_COLOR,
  useAuthorshipMode,
  withUnknown,
} from "./authorship";

const MODES = ["off", "sector", "member"] as const;

interface Props {
  workspaceId: string;
  /** The plan's document, whose editors colour their text too (in Edit). */
  doc: Y.Doc;
  /** Whose choice this is: it is remembered per person. */
  userId: string;
  /** The plan, read or edited: its passages take their authors' colours while the reader asks. */
  children: ReactNode;
}

/**
 * "Show who wrote what": off, by sector or by member. The authors come from the server's record
 * of who wrote with each client id (fetched only when asked), never from what a browser claims.
 */
export function AuthorshipControls({ workspaceId, doc, userId, children }: Props) {
  const { t } = useTranslation("plan");
  const { t: tc } = useTranslation();
  const labelId = useId();
  const [mode, setMode] = useAuthorshipMode(userId);
  const authors = useApiGet<PlanAuthorsResponse>(
    mode === "off" ? null : `/api/workspaces/${workspaceId}/record/authors`,
  );
  const keys = useMemo(() => {
    if (mode === "off" || !authors.data) return null;
    const keys = authorKeys(authors.data.authors, mode, {
      sector: (sector: Sector | null) => (sector ? tc(`sectors.${sector}`) : t("reading.authorship.unknown")),
      formerMember: t("reading.authorship.formerMember"),
    });
    return withUnknown(keys, doc.store.clients.keys(), t("reading.authorship.unknown"));
  }, [mode, authors.data, doc, t, tc]);
  useRecordFollowsWriters(doc, mode === "off" ? undefined : authors.data, authors.reload);
  // The editors (in Edit) colour their text from the same entries as the reading view.
  useEffect(() => {
    const store = authorshipStoreFor(doc);
    store.set(
      keys && {
        byClient: keys.byClient,
        unknown: { key: "unknown", label: t("reading.authorship.unknown"), color: UNKNOWN_COLOR },
        writtenBy: (author: string) => t("reading.authorship.writtenBy", { author }),
      },
    );
    return () => store.set(null);
  }, [doc, keys, t]);

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
                <span
                  className="authorship-swatch"
                  style={{ background: tint(entry.color), borderBlockEndColor: entry.color }}
                  aria-hidden="true"
                />
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

/** How many times to ask the server again about one client id it did not know. */
const ASK_AGAIN = 3;
/** How long after the first words of a new client id to ask: the server has stored them by then. */
const ASK_AFTER_MS = 1000;

/**
 * Someone starts writing with a client id the record did not hold when it was fetched (this very
 * person, in a new tab, or a new member): fetch it again shortly after, a few times at most per
 * id, so their words take their colour as they are typed rather than "before authors were
 * recorded".
 */
function useRecordFollowsWriters(doc: Y.Doc, data: PlanAuthorsResponse | undefined, reload: () => void) {
  const asked = useRef(new Map<number, number>());
  useEffect(() => {
    if (!data) return;
    const known = new Set(data.authors.map((author) => author.clientId));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onTransaction = (transaction: Y.Transaction) => {
      for (const [client, clock] of transaction.afterState) {
        if (known.has(client) || transaction.beforeState.get(client) === clock) continue;
        const times = asked.current.get(client) ?? 0;
        if (times >= ASK_AGAIN || timer !== undefined) continue;
        asked.current.set(client, times + 1);
        timer = setTimeout(reload, ASK_AFTER_MS);
      }
    };
    doc.on("afterTransaction", onTransaction);
    return () => {
      doc.off("afterTransaction", onTransaction);
      clearTimeout(timer);
    };
  }, [doc, data, reload]);
}
