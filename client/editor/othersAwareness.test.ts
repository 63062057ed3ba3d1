import { describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { othersAwareness } from "./othersAwareness";

describe("othersAwareness", () => {
  it("tells change listeners about co-authors' states, not about our own caret moving", () => {
    const ours = new Awareness(new Y.Doc());
    const theirs = new Awareness(new Y.Doc());
    const filtered = othersAwareness(ours);
    const heard: number[][] = [];
    const listener = ({ updated, added }: { added: number[]; updated: number[] }) =>
      heard.push([...added, ...updated]);
    filtered.on("change", listener);

    ours.setLocalStateField("cursor", { anchor: 1 });
    expect(heard).toEqual([]);

    theirs.setLocalStateField("cursor", { anchor: 2 });
    applyAwarenessUpdate(ours, encodeAwarenessUpdate(theirs, [theirs.clientID]), "remote");
    expect(heard).toEqual([[theirs.clientID]]);

    filtered.off("change", listener);
    theirs.setLocalStateField("cursor", { anchor: 3 });
    applyAwarenessUpdate(ours, encodeAwarenessUpdate(theirs, [theirs.clientID]), "remote");
    expect(heard).toHaveLength(1);
    // Everything else is the awareness itself.
    expect(filtered.getLocalState()).toEqual(ours.getLocalState());
    expect(othersAwareness(ours)).toBe(filtered);
  });
});
