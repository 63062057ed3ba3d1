import { groupFingerprint, type PublicKeyResponse } from "@shared/seal";
import { useTranslation } from "react-i18next";
import { useApiGet } from "~/hooks/useApiGet";

/**
 * The fingerprint of the key official versions are sealed with, small, beside the versions: a
 * reader compares it with the one the municipality publishes elsewhere (README, "Verifying an
 * official version"). Shows nothing until it loads, or when it cannot.
 */
export function PublicSealKey() {
  const { t } = useTranslation("public");
  const key = useApiGet<PublicKeyResponse>("/api/public/key");
  if (!key.data) return null;
  return (
    <p className="seal-key" data-testid="seal-key">
      {t("versions.sealKey")} <code translate="no">{groupFingerprint(key.data.fingerprint)}</code>
      <br />
      {t("versions.sealHint")}
    </p>
  );
}
