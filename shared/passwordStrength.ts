import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/**
 * How hard a password is to guess, estimated with zxcvbn-ts against common passwords and the
 * words, names and places of English, Spanish and French, the person's own name and email
 * included. The server refuses a password below `PASSWORD_MIN_SCORE`; the sign-up form shows the
 * same estimate while the person types. Both load the estimator lazily, once: its dictionaries
 * are about 1.5 MB gzipped, a chunk of their own that the browser fetches only on sign-up.
 */

/** zxcvbn's scale: 3 is "safely unguessable" (about 10^8 guesses or more), the least accepted. */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export interface PasswordStrength {
  score: PasswordScore;
  strongEnough: boolean;
  /** zxcvbn's translation key for what is wrong (e.g. "commonPasswords"), or null. */
  warning: string | null;
  /** Translation keys of zxcvbn's suggestions (e.g. "addAnotherWord"). */
  suggestions: string[];
}

let estimator: Promise<ZxcvbnFactory> | null = null;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, es, fr] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
      import("@zxcvbn-ts/language-es-es"),
      import("@zxcvbn-ts/language-fr"),
    ]);
    // No translations: feedback comes back as keys, translated by whoever shows it.
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...es.dictionary, ...fr.dictionary },
      graphs: common.adjacencyGraphs,
    });
  })();
  return estimator;
}

/** Estimates a password's strength; `userInputs` (name, email) count as easy to guess. */
export async function estimatePasswordStrength(
  password: string,
  userInputs: readonly string[] = [],
): Promise<PasswordStrength> {
  const zxcvbn = await loadEstimator();
  // The email's local part and each word of the name are guessable on their own too.
  const inputs = userInputs
    .flatMap((input) => [input, input.split("@")[0] ?? "", ...input.split(/[\s@._+-]+/)])
    .filter((part) => part.length > 1);
  const result = zxcvbn.check(password, inputs);
  return {
    score: result.score,
    strongEnough: result.score >= PASSWORD_MIN_SCORE,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}
