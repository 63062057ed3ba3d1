import type { PasswordStrength as Strength } from "@shared/passwordStrength";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  password: string;
  /** The name and email typed in the same form: a password made of them is easy to guess. */
  userInputs: readonly string[];
}

/**
 * The same estimate the server applies on sign-up, shown while the person types. The estimator
 * and its dictionaries load only once someone starts typing a password (a separate chunk).
 */
export function PasswordStrength({ password, userInputs }: Props) {
  const { t } = useTranslation("auth");
  const [strength, setStrength] = useState<Strength | null>(null);
  const inputs = userInputs.join("\n");

  useEffect(() => {
    if (password.length === 0) {
      setStrength(null);
      return;
    }
    let current = true;
    // Waits for a pause in typing, so a fast typist does not queue an estimate per key.
    const timer = setTimeout(async () => {
      const { estimatePasswordStrength } = await import("@shared/passwordStrength");
      const estimate = await estimatePasswordStrength(password, inputs.split("\n"));
      if (current) setStrength(estimate);
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [password, inputs]);

  if (!strength) return <output className="password-strength" aria-live="polite" />;
  const advice = [
    ...(strength.warning ? [`strength.warnings.${strength.warning}`] : []),
    ...strength.suggestions.map((key) => `strength.suggestions.${key}`),
  ]
    .map((key) => t(key, { defaultValue: "" }))
    .filter((text) => text !== "");
  return (
    <output className="password-strength" aria-live="polite">
      <span className="password-strength-label">
        {t("strength.label", { level: t(`strength.levels.${strength.score}`) })}
      </span>
      <meter min={0} max={4} low={2} high={3} optimum={4} value={strength.score} aria-hidden="true" />
      <span className={strength.strongEnough ? "hint" : "password-strength-weak"}>
        {t(strength.strongEnough ? "strength.strongEnough" : "strength.tooWeak")}
      </span>
      {!strength.strongEnough && advice.length > 0 && (
        <ul className="hint">
          {advice.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
    </output>
  );
}
