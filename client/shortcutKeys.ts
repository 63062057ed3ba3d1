/** Modifier names in the order each platform writes them (macOS: ⌃⌥⇧⌘; elsewhere Ctrl+Alt+Shift). */
const MAC_MODIFIERS: [string, string][] = [
  ["Ctrl", "⌃"],
  ["Alt", "⌥"],
  ["Shift", "⇧"],
  ["Mod", "⌘"],
];
const OTHER_MODIFIERS: [string, string][] = [
  ["Mod", "Ctrl"],
  ["Ctrl", "Ctrl"],
  ["Alt", "Alt"],
  ["Shift", "Shift"],
];

/** The test prosemirror-keymap makes to read "Mod" as ⌘, so that hints name the keys that work. */
export const isMac = (platform: string): boolean => /Mac|iP(hone|[oa]d)/.test(platform);

const onMac = typeof navigator !== "undefined" && isMac(navigator.platform);

/**
 * How a ProseMirror key binding such as "Mod-Alt-m" is written for the user: "Ctrl+Alt+M", or
 * "⌥⌘M" on a Mac.
 */
export function shortcutKeys(binding: string, mac = onMac): string {
  const parts = binding.split("-");
  const key = (parts.pop() ?? "").toUpperCase();
  const names = (mac ? MAC_MODIFIERS : OTHER_MODIFIERS)
    .filter(([modifier]) => parts.includes(modifier))
    .map(([, name]) => name);
  return [...names, key].join(mac ? "" : "+");
}
