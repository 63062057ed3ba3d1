import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "./Field";

/** A read-only link with a Copy button; where the clipboard is unavailable the link is selected instead. */
export function CopyLink({ label, url }: { label: string; url: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<"idle" | "copied" | "failed">("idle");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setResult("copied");
    } catch {
      // Insecure origins and some embedded browsers refuse the clipboard: leave the text ready to copy.
      input.current?.focus();
      input.current?.select();
      setResult("failed");
    }
  };

  return (
    <div className="copy-link">
      <TextField
        ref={input}
        name="link"
        label={label}
        value={url}
        readOnly
        onFocus={(event) => event.target.select()}
      />
      <button type="button" onClick={copy}>
        {t("copy.button")}
      </button>
      <p className="notice" role="status">
        {result === "copied" && t("copy.copied")}
        {result === "failed" && t("copy.failed")}
      </p>
    </div>
  );
}
