import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import {
  Bold,
  Heading2,
  Italic,
  Keyboard,
  Link2,
  List,
  ListOrdered,
  type LucideIcon,
  Redo2,
  Undo2,
} from "lucide-react";
import { type FormEvent, useState } from "react";
import {
  Button,
  Dialog,
  DialogTrigger,
  Input,
  Label,
  Popover,
  TextField,
  ToggleButton,
  Toolbar,
} from "react-aria-components";
import { useTranslation } from "react-i18next";
import { shortcutKeys } from "~/shortcutKeys";
import { FORMAT_COMMANDS, type FormatCommand } from "./formatCommands";
import { openShortcuts } from "./ShortcutsDialog";

const ICONS: Record<FormatCommand["id"], LucideIcon> = {
  bold: Bold,
  italic: Italic,
  bulletList: List,
  orderedList: ListOrdered,
  heading: Heading2,
  link: Link2,
  undo: Undo2,
  redo: Redo2,
};

/**
 * The formatting toolbar of one rich-text field (React Aria's Toolbar: one tab stop, arrow keys
 * move between buttons). Runs Tiptap commands; toggles show what applies at the caret.
 */
export function FormatToolbar({ editor, label }: { editor: Editor; label: string }) {
  const { t } = useTranslation("plan");
  // Re-render only when what the buttons show changes, not on every transaction.
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      Object.fromEntries(FORMAT_COMMANDS.map((c) => [c.id, c.isActive?.(e) ?? false])) as Record<
        FormatCommand["id"],
        boolean
      >,
  });
  const name = (command: FormatCommand) => {
    const words = t(`toolbar.${command.id}`);
    return command.keys ? `${words} (${shortcutKeys(command.keys)})` : words;
  };
  return (
    <Toolbar className="format-toolbar" aria-label={t("toolbar.label", { field: label })}>
      {FORMAT_COMMANDS.map((command) => {
        const Icon = ICONS[command.id];
        if (command.id === "link") {
          return (
            <LinkButton key="link" editor={editor} label={name(command)} active={active?.link ?? false} />
          );
        }
        return command.isActive ? (
          <ToggleButton
            key={command.id}
            className="toolbar-button"
            aria-label={name(command)}
            isSelected={active?.[command.id] ?? false}
            // The command focuses the text again, with the selection the editor kept.
            onChange={() => command.run?.(editor)}
          >
            <Icon aria-hidden="true" size={18} />
          </ToggleButton>
        ) : (
          <Button
            key={command.id}
            className="toolbar-button"
            aria-label={name(command)}
            onPress={() => command.run?.(editor)}
          >
            <Icon aria-hidden="true" size={18} />
          </Button>
        );
      })}
      <Button className="toolbar-button" aria-label={t("toolbar.shortcuts")} onPress={openShortcuts}>
        <Keyboard aria-hidden="true" size={18} />
      </Button>
    </Toolbar>
  );
}

/** The link button: a small form for the address, applied to the selected words (empty removes it). */
function LinkButton({ editor, label, active }: { editor: Editor; label: string; active: boolean }) {
  const { t } = useTranslation("plan");
  const [href, setHref] = useState("");
  const apply = (event: FormEvent, close: () => void) => {
    event.preventDefault();
    const address = href.trim();
    const range = editor.chain().focus().extendMarkRange("link");
    if (address === "") range.unsetLink().run();
    else range.setLink({ href: /^[a-z]+:/i.test(address) ? address : `https://${address}` }).run();
    close();
  };
  return (
    <DialogTrigger
      onOpenChange={(open) => {
        if (open) setHref((editor.getAttributes("link").href as string | undefined) ?? "");
      }}
    >
      <ToggleButton className="toolbar-button" aria-label={label} isSelected={active} onChange={() => {}}>
        <Link2 aria-hidden="true" size={18} />
      </ToggleButton>
      <Popover className="popover link-popover" placement="bottom start">
        <Dialog aria-label={t("toolbar.link")} className="link-dialog">
          {({ close }) => (
            <form onSubmit={(event) => apply(event, close)} className="stack">
              <TextField value={href} onChange={setHref} autoFocus className="field">
                <Label>{t("toolbar.linkAddress")}</Label>
                <Input type="url" inputMode="url" placeholder="https://" />
              </TextField>
              <div className="actions">
                <button type="submit">{t("toolbar.linkApply")}</button>
              </div>
              <p className="hint">{t("toolbar.linkHint")}</p>
            </form>
          )}
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
