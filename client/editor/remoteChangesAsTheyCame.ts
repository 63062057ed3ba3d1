import { Extension } from "@tiptap/core";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

/**
 * A co-author's change arrives as their editor made it, links included: it is not scanned again
 * for URLs to autolink here. Scanning it cost each keystroke of theirs a tokenizer pass in this
 * browser, and any link found would have been a change of this person's (sent back, and credited
 * to them in "who wrote what").
 */
export const RemoteChangesAsTheyCame = Extension.create({
  name: "remoteChangesAsTheyCame",
  dispatchTransaction({ transaction, next }) {
    const sync = transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
    if (sync?.isChangeOrigin) transaction.setMeta("preventAutolink", true);
    next(transaction);
  },
});
