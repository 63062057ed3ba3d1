import { useRef, useState } from "react";

export type CopyResult = "idle" | "copied" | "failed";

/**
 * Copies `text` to the clipboard. Where the clipboard is refused, focuses and selects the field
 * holding the text (attach `field` to it) so the reader can copy it by hand.
 */
export function useCopy<Field extends HTMLInputElement | HTMLTextAreaElement>(text: string) {
  const field = useRef<Field>(null);
  const [result, setResult] = useState<CopyResult>("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setResult("copied");
    } catch {
      // Insecure origins and some embedded browsers refuse the clipboard: leave the text ready to copy.
      field.current?.focus();
      field.current?.select();
      setResult("failed");
    }
  };
  return { field, result, copy };
}
