import type { Awareness } from "y-protocols/awareness";

type ChangeListener = (
  changes: { added: number[]; updated: number[]; removed: number[] },
  origin: unknown,
) => void;

const ofAwareness = new WeakMap<Awareness, Awareness>();

/**
 * The same awareness, except that its "change" listeners do not hear changes of this client's own
 * state alone. For the caret plugin of each rich-text field: it redraws co-authors' carets on every
 * "change", and our own caret moves with every keystroke, so each keystroke redrew every field of
 * the plan (a ProseMirror transaction in each) although our own caret is never drawn.
 */
export function othersAwareness(awareness: Awareness): Awareness {
  const kept = ofAwareness.get(awareness);
  if (kept) return kept;
  const wrapped = new Map<ChangeListener, ChangeListener>();
  const filtered = new Proxy(awareness, {
    get(target, key) {
      if (key === "on" || key === "off") {
        return (name: string, listener: ChangeListener) => {
          if (name !== "change") {
            if (key === "on") target.on(name, listener);
            else target.off(name, listener);
            return;
          }
          if (key === "off") {
            const inner = wrapped.get(listener);
            if (inner) target.off("change", inner);
            wrapped.delete(listener);
            return;
          }
          const inner: ChangeListener = (changes, origin) => {
            const { added, updated, removed } = changes;
            const own = target.clientID;
            if ([added, updated, removed].every((ids) => ids.every((id) => id === own))) return;
            listener(changes, origin);
          };
          wrapped.set(listener, inner);
          target.on("change", inner);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  ofAwareness.set(awareness, filtered);
  return filtered;
}
