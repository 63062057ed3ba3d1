import { useTranslation } from "react-i18next";
import { type CopyResult, useCopy } from "~/hooks/useCopy";
import { TextField } from "./Field";

/** A read-only link with a Copy button; where the clipboard is unavailable the link is selected instead. */
export function CopyLink({ label, url }: { label: string; url: string }) {
  const { t } = useTranslation();
  const { field, result, copy } = useCopy<HTMLInputElement>(url);

  return (
    <div className="copy-link">
      <TextField
        ref={field}
        name="link"
        label={label}
        value={url}
        readOnly
        onFocus={(event) => event.target.select()}
      />
      <CopyButton
        onCopy={copy}
        result={result}
        labels={{ button: t("copy.button"), copied: t("copy.copied"), failed: t("copy.failed") }}
      />
    </div>
  );
}

interface CopyButtonProps {
  onCopy(): void;
  result: CopyResult;
  labels: { button: string; copied: string; failed: string };
}

/** A Copy button (with {@link useCopy}) and the status line that tells how copying went. */
export function CopyButton({ onCopy, result, labels }: CopyButtonProps) {
  return (
    <>
      <button type="button" onClick={onCopy}>
        {labels.button}
      </button>
      <p className="notice" role="status">
        {result === "copied" && labels.copied}
        {result === "failed" && labels.failed}
      </p>
    </>
  );
}
