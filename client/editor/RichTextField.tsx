import type { AwarenessUser } from "@shared/collab";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useId } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { ReadingRichText } from "~/reading/ReadingRichText";
import { AuthorshipDecorations } from "./authorshipDecorations";
import { isHexColor, readableTextColor } from "./colors";
import { CommentHighlightsExtension } from "./commentHighlights";
import { FormatToolbar } from "./FormatToolbar";
import { othersAwareness } from "./othersAwareness";
import { ReadOnlyCaret } from "./readOnlyCaret";
import { RemoteChangesAsTheyCame } from "./remoteChangesAsTheyCame";
import { useMountTurn } from "./useMountTurn";

interface Props {
  fragment: Y.XmlFragment | null;
  provider: WebsocketProvider;
  user: AwarenessUser;
  editable: boolean;
  label: string;
  hint?: string;
  /** The field's element id, for links to it (see fieldAnchor). */
  anchor?: string;
  /** Called when the editor gets focus (to tell co-authors where we are). */
  onFocus?: () => void;
}

/** A co-author's caret: a bar in their sector colour with their name above it. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = isHexColor(user.color) ? user.color : "#4a5260";
  const caret = document.createElement("span");
  caret.className = "collab-caret";
  // The presence list names who is where; a screen reader should not read names inside the text.
  caret.setAttribute("aria-hidden", "true");
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.className = "collab-caret-label";
  label.style.backgroundColor = color;
  label.style.color = readableTextColor(color);
  label.textContent = typeof user.name === "string" ? user.name : "";
  caret.append(label);
  return caret;
}

/** What the caret plugin reads of the provider: its awareness, without our own caret's moves. */
const caretProvider = (provider: WebsocketProvider) => ({ awareness: othersAwareness(provider.awareness) });

/** A labelled Tiptap editor bound to one Y.XmlFragment of the plan, with co-authors' carets. */
export function RichTextField({ fragment, label, hint, anchor, ...editorProps }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const { turn, mounted } = useMountTurn();
  useEffect(() => {
    if (turn) mounted();
  }, [turn, mounted]);
  const pending = fragment !== null && !turn;
  return (
    // Busy until its editor is there, so a link to the field waits for it (see useFocusHash).
    <div className="field rich-text-field" id={anchor} aria-busy={pending || undefined}>
      <span className="label" id={id}>
        {label}
      </span>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {pending ? (
        // Its text, as the reading view shows it, until the editor's turn comes (see useMountTurn).
        <div className="rich-text rich-text-pending">
          {fragment.length > 0 && <ReadingRichText fragment={fragment} headingLevel={4} />}
        </div>
      ) : fragment ? (
        <CollaborativeEditor
          fragment={fragment}
          label={label}
          labelId={id}
          hintId={hint ? hintId : undefined}
          {...editorProps}
        />
      ) : (
        // The document lacks this field (written by a misbehaving client): show it empty, unusable.
        <textarea className="rich-text" aria-labelledby={id} disabled />
      )}
    </div>
  );
}

function CollaborativeEditor({
  fragment,
  provider,
  user,
  editable,
  label,
  labelId,
  hintId,
  onFocus,
}: Omit<Props, "hint" | "anchor"> & { fragment: Y.XmlFragment; labelId: string; hintId?: string }) {
  const editor = useEditor(
    {
      extensions: [
        // Yjs keeps the history (per editor, only this person's changes), not ProseMirror.
        // A click on a link in the text places the caret; readers follow links in the reading view.
        StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
        Collaboration.configure({ fragment }),
        // Hears co-authors' changes only (see othersAwareness).
        CollaborationCaret.configure({ provider: caretProvider(provider), user, render: renderCaret }),
        CommentHighlightsExtension.configure({ fragment }),
        AuthorshipDecorations.configure({ fragment }),
        ReadOnlyCaret,
        RemoteChangesAsTheyCame,
      ],
      editable,
      onFocus,
      editorProps: {
        attributes: {
          class: "rich-text",
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": labelId,
          ...(hintId ? { "aria-describedby": hintId } : {}),
        },
      },
    },
    [fragment, provider],
  );

  useEffect(() => {
    // After the page suspended or re-mounted, this render may still hold the editor that useEditor
    // destroyed (it replaces it in the next render, which reruns this effect); its view is gone and
    // reading it throws.
    if (editor.isDestroyed) return;
    // Only on a change: the editor is created with `editable`, and setEditable redraws the whole
    // field (ProseMirror's updateState, every plugin view, y-prosemirror's selection bookkeeping)
    // and emits an update: about 0.15 s per field on a throttled phone, the first field's included.
    if (editor.isEditable !== editable) editor.setEditable(editable);
    editor.view.dom.setAttribute("aria-readonly", String(!editable));
  }, [editor, editable]);

  return (
    <>
      {editable && <FormatToolbar editor={editor} label={label} />}
      <EditorContent editor={editor} />
    </>
  );
}
