import type { ApproveChoice, ConsentChoice, Vote } from "@shared/votes";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

/** Returns a function naming a choice of `vote` in the reader's language (an option's own label for prioritise). */
export function useChoiceLabel(vote: Pick<Vote, "kind" | "options">): (choice: string) => string {
  const { t } = useTranslation("votes");
  return useCallback(
    (choice: string) => {
      if (vote.kind === "prioritise")
        return vote.options.find((option) => option.id === choice)?.label ?? choice;
      return t(`choices.${choice as ApproveChoice | ConsentChoice}`);
    },
    [t, vote.kind, vote.options],
  );
}

/** Formats an ISO date-time with the day and the time, in the reader's language and time zone. */
export function useFormatDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useCallback(
    (iso: string) =>
      new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
    [language],
  );
}

/** The kind of a vote as a short label, e.g. "Prioritise (pick up to 5)". */
export function useKindLabel(): (vote: Pick<Vote, "kind" | "maxChoices">) => string {
  const { t } = useTranslation("votes");
  return useCallback(
    (vote: Pick<Vote, "kind" | "maxChoices">) => t(`kind.${vote.kind}`, { max: vote.maxChoices ?? 0 }),
    [t],
  );
}
