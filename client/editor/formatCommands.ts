import type { Editor } from "@tiptap/core";

/** One formatting action of the toolbar, with the key binding Tiptap gives it (for the shortcuts list). */
export interface FormatCommand {
  id: "bold" | "italic" | "bulletList" | "orderedList" | "heading" | "link" | "undo" | "redo";
  /** ProseMirror key binding, written for the reader by shortcutKeys(); null when it has none. */
  keys: string | null;
  /** Toggles (bold, lists…) show whether they apply at the caret. */
  isActive?(editor: Editor): boolean;
  run?(editor: Editor): void;
}

const chain = (editor: Editor) => editor.chain().focus();

/** The toolbar's commands, in its order; "link" is run by the toolbar's own link form. */
export const FORMAT_COMMANDS: readonly FormatCommand[] = [
  {
    id: "bold",
    keys: "Mod-b",
    isActive: (e) => e.isActive("bold"),
    run: (e) => chain(e).toggleBold().run(),
  },
  {
    id: "italic",
    keys: "Mod-i",
    isActive: (e) => e.isActive("italic"),
    run: (e) => chain(e).toggleItalic().run(),
  },
  {
    id: "bulletList",
    keys: "Mod-Shift-8",
    isActive: (e) => e.isActive("bulletList"),
    run: (e) => chain(e).toggleBulletList().run(),
  },
  {
    id: "orderedList",
    keys: "Mod-Shift-7",
    isActive: (e) => e.isActive("orderedList"),
    run: (e) => chain(e).toggleOrderedList().run(),
  },
  {
    id: "heading",
    keys: "Mod-Alt-2",
    isActive: (e) => e.isActive("heading"),
    run: (e) => chain(e).toggleHeading({ level: 2 }).run(),
  },
  { id: "link", keys: null, isActive: (e) => e.isActive("link") },
  { id: "undo", keys: "Mod-z", run: (e) => chain(e).undo().run() },
  { id: "redo", keys: "Mod-Shift-z", run: (e) => chain(e).redo().run() },
];
