const HEX = /^#[0-9a-f]{6}$/i;

/** True for the "#rrggbb" colours carets accept (anything else comes from a misbehaving client). */
export const isHexColor = (value: unknown): value is string => typeof value === "string" && HEX.test(value);

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever reads better on `background` (WCAG contrast), for name labels. */
export function readableTextColor(background: string): "#000000" | "#ffffff" {
  if (!isHexColor(background)) return "#000000";
  const l = luminance(background);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}
