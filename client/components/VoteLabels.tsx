import type { ApproveChoice, ConsentChoice, PlanCommitment, Vote } from "@shared/votes";
import { useCallback, useEffect, useState } from "react";
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

const language = (i18n: { resolvedLanguage?: string; language: string }) =>
  i18n.resolvedLanguage ?? i18n.language;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** Returns a function saying how far `iso` is from `now`, e.g. "in 3 hours" or "2 days ago". */
export function useFormatRelative(): (iso: string, now: number) => string {
  const { i18n } = useTranslation();
  const lang = language(i18n);
  return useCallback(
    (iso: string, now: number) => {
      const format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
      const diff = Date.parse(iso) - now;
      // The largest unit that fits; under a minute reads "in 0 minutes" ("this minute" with numeric: auto).
      const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? ["minute", 60_000];
      return format.format(Math.round(diff / ms), unit);
    },
    [lang],
  );
}

/** The current time, refreshed every `everyMs`, so relative times stay true while a page is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The kind of a vote as a short label, e.g. "Prioritise (pick up to 5 options)". */
export function useKindLabel(): (vote: Pick<Vote, "kind" | "maxChoices">) => string {
  const { t } = useTranslation("votes");
  return useCallback(
    (vote: Pick<Vote, "kind" | "maxChoices">) =>
      vote.kind === "prioritise"
        ? t("kind.prioritise", { count: vote.maxChoices ?? 0 })
        : t(`kind.${vote.kind}`),
    [t],
  );
}

/** Returns functions for the counts votes show: "3 ballots", and turnout "3 ballots from 5 eligible members". */
export function useVoteCounts() {
  const { t } = useTranslation("votes");
  return {
    ballots: useCallback((count: number) => t("ballotCount", { count }), [t]),
    turnout: useCallback(
      ({ ballots, eligible }: { ballots: number; eligible: number }) =>
        t("turnout", {
          ballots: t("ballotCount", { count: ballots }),
          eligible: t("eligibleMembers", { count: eligible }),
        }),
      [t],
    ),
  };
}

/** A commitment's name: its title, or its number in the plan while it has none. */
export function useCommitmentName(): (commitment: PlanCommitment, index: number) => string {
  const { t } = useTranslation("votes");
  return useCallback(
    (commitment: PlanCommitment, index: number) =>
      commitment.title || t("untitledCommitment", { number: index + 1 }),
    [t],
  );
}
