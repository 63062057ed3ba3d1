import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, Selection, TextSelection } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";

type Motion = [direction: "left" | "right" | "backward" | "forward", granularity: string];

const mac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** The caret motion a navigation key asks for, in Selection.modify's terms; null for other keys. */
function motionOf(event: KeyboardEvent): Motion | null {
  const word = mac ? event.altKey : event.ctrlKey;
  const edge = mac && event.metaKey;
  switch (event.key) {
    case "ArrowLeft":
      return ["left", edge ? "lineboundary" : word ? "word" : "character"];
    case "ArrowRight":
      return ["right", edge ? "lineboundary" : word ? "word" : "character"];
    case "ArrowUp":
      return ["backward", edge ? "documentboundary" : "line"];
    case "ArrowDown":
      return ["forward", edge ? "documentboundary" : "line"];
    case "Home":
      return ["backward", event.ctrlKey ? "documentboundary" : "lineboundary"];
    case "End":
      return ["forward", event.ctrlKey ? "documentboundary" : "lineboundary"];
    default:
      return null;
  }
}

const isInside = (view: EditorView, node: Node | null): node is Node =>
  node !== null && view.dom.contains(node);

/**
 * Puts `selection` in the editor and on screen. ProseMirror writes its selection to the DOM only
 * when the DOM selection is already inside a read-only editor, so the DOM one is set first.
 */
export function showSelection(view: EditorView, selection: Selection): void {
  const dom = view.dom.ownerDocument.getSelection();
  const anchor = view.domAtPos(selection.anchor);
  const head = view.domAtPos(selection.head);
  dom?.setBaseAndExtent(anchor.node, anchor.offset, head.node, head.offset);
  view.dispatch(view.state.tr.setSelection(selection).scrollIntoView());
}

/** Moves or extends the selection as the key asks, kept inside the editor. */
function moveCaret(view: EditorView, event: KeyboardEvent, motion: Motion): void {
  const dom = view.dom.ownerDocument.getSelection();
  if (!dom) return;
  const { doc } = view.state;
  if (!isInside(view, dom.focusNode)) showSelection(view, view.state.selection);
  const extend = event.shiftKey;
  dom.modify(extend ? "extend" : "move", ...motion);
  const { focusNode, focusOffset } = dom;
  // Past either end of the text, the caret stops at that end.
  const head = isInside(view, focusNode)
    ? view.posAtDOM(focusNode, focusOffset)
    : focusNode && view.dom.compareDocumentPosition(focusNode) & Node.DOCUMENT_POSITION_PRECEDING
      ? Selection.atStart(doc).from
      : Selection.atEnd(doc).to;
  const anchor = extend ? view.state.selection.anchor : head;
  showSelection(view, TextSelection.between(doc.resolve(anchor), doc.resolve(head)));
}

const caretKey = new PluginKey<boolean>("readOnlyCaret");

function caretElement(): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "read-only-caret";
  caret.setAttribute("aria-hidden", "true");
  return caret;
}

/**
 * Keyboard reading in a read-only editor, as caret browsing would give it: the field takes focus,
 * shows a caret, arrows (with Ctrl/Alt for words, Home/End for lines) move it and Shift selects,
 * Ctrl+A selects the field's text. Only the selection moves: the text stays read-only.
 */
export const ReadOnlyCaret = Extension.create({
  name: "readOnlyCaret",

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin<boolean>({
        key: caretKey,
        // Whether the editor has focus: the caret is drawn only then.
        state: {
          init: () => false,
          apply: (tr, focused) => tr.getMeta(caretKey) ?? focused,
        },
        props: {
          attributes: { tabindex: "0" },
          decorations(state) {
            if (editor.isEditable || !caretKey.getState(state) || !state.selection.empty) return null;
            return DecorationSet.create(state.doc, [
              Decoration.widget(state.selection.head, caretElement, { key: "read-only-caret", side: -1 }),
            ]);
          },
          handleDOMEvents: {
            focus(view) {
              view.dispatch(view.state.tr.setMeta(caretKey, true));
              // Back in the field by keyboard: the caret is where it was left (a click moves it after).
              if (
                !view.editable &&
                !isInside(view, view.dom.ownerDocument.getSelection()?.focusNode ?? null)
              ) {
                showSelection(view, view.state.selection);
              }
              return false;
            },
            blur(view) {
              view.dispatch(view.state.tr.setMeta(caretKey, false));
              return false;
            },
            keydown(view, event) {
              if (view.editable || event.defaultPrevented) return false;
              if ((mac ? event.metaKey : event.ctrlKey) && event.key.toLowerCase() === "a") {
                event.preventDefault();
                const { doc } = view.state;
                showSelection(
                  view,
                  TextSelection.between(Selection.atStart(doc).$from, Selection.atEnd(doc).$to),
                );
                return true;
              }
              const motion = motionOf(event);
              if (!motion) return false;
              event.preventDefault();
              moveCaret(view, event, motion);
              return true;
            },
          },
        },
      }),
    ];
  },
});
