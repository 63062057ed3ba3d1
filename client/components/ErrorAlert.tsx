import { useTranslation } from "react-i18next";
import { ApiError } from "~/api";
import { useErrorMessage } from "~/hooks/useErrorMessage";

interface Props {
  error: unknown;
  /** Translated labels of the form's fields by body path, to name the fields the server refused. */
  fieldLabels?: Record<string, string>;
}

/** A failed request explained in the reader's language; announced at once by screen readers. */
export function ErrorAlert({ error, fieldLabels = {} }: Props) {
  const { t } = useTranslation("errors");
  const messageOf = useErrorMessage();
  if (!error) return null;
  const fields =
    error instanceof ApiError ? error.issues.flatMap((issue) => fieldLabels[issue.path] ?? []) : [];
  return (
    <div className="alert" role="alert">
      <p>{messageOf(error)}</p>
      {fields.length > 0 && (
        <p>
          {t("checkFields")} {[...new Set(fields)].join(", ")}
        </p>
      )}
    </div>
  );
}
