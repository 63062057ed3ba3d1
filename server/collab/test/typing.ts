import { COMMITMENT_TEXT_FIELDS, listCommitments } from "@shared/plan";
import * as Y from "yjs";
import type { ProviderClient } from "./clients";

/**
 * Types into the first commitment's text fields every few milliseconds, as a fast typist would.
 * Returns the function that stops.
 */
export function keepTyping(client: ProviderClient, random: () => number, everyMs = 4): () => void {
  const timer = setInterval(() => {
    const commitment = listCommitments(client.doc)[0];
    const field = COMMITMENT_TEXT_FIELDS[Math.floor(random() * COMMITMENT_TEXT_FIELDS.length)] ?? "title";
    const text = commitment?.text(field);
    if (!text) return;
    if (text.length > 40 && random() < 0.3) text.delete(Math.floor(random() * (text.length - 1)), 1);
    else
      text.insert(
        Math.floor(random() * (text.length + 1)),
        String.fromCharCode(97 + Math.floor(random() * 26)),
      );
  }, everyMs);
  return () => clearInterval(timer);
}

/** True when `doc` already holds everything in `update` (applying it would change nothing). */
export function contains(doc: Y.Doc, update: Uint8Array): boolean {
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  let changed = false;
  probe.on("update", () => {
    changed = true;
  });
  Y.applyUpdate(probe, update);
  return !changed;
}

/**
 * What a copy holds: its state vector and its deleted ranges. The state vector alone is not
 * enough to tell copies converged: a deletion does not move it, so copies with equal vectors still
 * differ while a client's last deletion is on its way.
 */
export function holding(doc: Y.Doc): string {
  const deleted = [...Y.createDeleteSetFromStructStore(doc.store).clients]
    .sort(([a], [b]) => a - b)
    .map(([client, ranges]) => `${client}:${ranges.map((r) => `${r.clock}+${r.len}`).join(",")}`);
  return `${Y.encodeStateVector(doc).join()} deleted ${deleted.join(" ")}`;
}

/** Whether every copy holds the same (see `holding`). */
export function converged(docs: Y.Doc[]): boolean {
  return new Set(docs.map(holding)).size <= 1;
}
