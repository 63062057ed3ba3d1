import { CheckCircle2, X } from "lucide-react";
import {
  Button,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastQueue as ToastQueue,
  UNSTABLE_ToastRegion as ToastRegion,
} from "react-aria-components";
import { useTranslation } from "react-i18next";

interface ToastMessage {
  title: string;
}

/** One queue for the whole app: any component announces a success without owning a region. */
const queue = new ToastQueue<ToastMessage>({ maxVisibleToasts: 3 });

/** Announces that something worked (a toast, read out politely, gone after 5 s). */
export function announceSuccess(title: string): void {
  queue.add({ title }, { timeout: 5000 });
}

/** The toast region, rendered once by the app layout (a landmark screen readers can jump to). */
export function Toasts() {
  const { t } = useTranslation();
  return (
    <ToastRegion queue={queue} className="toast-region" aria-label={t("toast.region")}>
      {({ toast }) => (
        <Toast toast={toast} className="toast">
          <CheckCircle2 aria-hidden="true" size={20} className="toast-icon" />
          <ToastContent className="toast-content">
            <Text slot="title">{toast.content.title}</Text>
          </ToastContent>
          <Button slot="close" className="icon-button" aria-label={t("toast.dismiss")}>
            <X aria-hidden="true" size={18} />
          </Button>
        </Toast>
      )}
    </ToastRegion>
  );
}
