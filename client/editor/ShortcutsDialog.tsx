import { X } from "lucide-react";
import { useEffect, useSyncExternalStore } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { shortcutKeys } from "~/shortcutKeys";
import { COMMENT_SHORTCUT } from "./commentHighlightsStore";
import { FORMAT_COMMANDS } from "./formatCommands";

// One dialog per page, opened from any field's toolbar or with "?".
let open = false;
const listeners = new Set<() => void>();
const setOpen = (value: boolean) => {
  open = value;
  for (const listener of listeners) listener();
};

/** Opens the keyboard shortcuts dialog. */
export const openShortcuts = () => setOpen(true);

/** True when a key press goes into something that takes text (where "?" is a character). */
const typesText = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.matches("input, textarea, select"));

/**
 * The keys of the editor, written for this platform (⌘ on a Mac, Ctrl elsewhere). Opens with "?"
 * anywhere outside a text field, or from a toolbar's keyboard button.
 */
export function ShortcutsDialog() {
  const { t } = useTranslation("plan");
  const isOpen = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => open,
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || typesText(event.target))
        return;
      event.preventDefault();
      setOpen(true);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  const rows = [
    ...FORMAT_COMMANDS.flatMap((c) => (c.keys ? [[t(`toolbar.${c.id}`), shortcutKeys(c.keys)]] : [])),
    [t("shortcuts.comment"), shortcutKeys(COMMENT_SHORTCUT)],
    [t("shortcuts.open"), "?"],
  ];
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={setOpen} isDismissable className="modal-overlay">
      <Modal className="modal">
        <Dialog className="shortcuts-dialog">
          <div className="shortcuts-header">
            <Heading slot="title" className="dialog-title">
              {t("shortcuts.title")}
            </Heading>
            <Button slot="close" className="icon-button" aria-label={t("shortcuts.close")}>
              <X aria-hidden="true" size={20} />
            </Button>
          </div>
          <table className="shortcuts-table">
            <thead>
              <tr>
                <th scope="col">{t("shortcuts.action")}</th>
                <th scope="col">{t("shortcuts.keys")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([action, keys]) => (
                <tr key={action}>
                  <td>{action}</td>
                  <td>
                    <kbd>{keys}</kbd>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
