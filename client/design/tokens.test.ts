import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hex as contrast } from "wcag-contrast";

/** The colour tokens as written in tokens.css (`--name: #rrggbb;`). */
function colourTokens(): Map<string, string> {
  const css = readFileSync(new URL("./tokens.css", import.meta.url), "utf8");
  return new Map([...css.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1] ?? "", m[2] ?? ""]));
}

/** Text (foreground) on background pairs the stylesheets use, with the ratio WCAG AA asks for each. */
const PAIRS: [foreground: string, background: string, minimum: number][] = [
  ["text", "bg", 4.5],
  ["text", "surface", 4.5],
  ["muted", "bg", 4.5],
  ["muted", "surface", 4.5],
  ["primary", "bg", 4.5],
  ["primary", "surface", 4.5],
  ["primary", "primary-subtle", 4.5],
  ["primary-hover", "bg", 4.5],
  ["on-primary", "primary", 4.5],
  ["on-primary", "primary-hover", 4.5],
  ["danger", "bg", 4.5],
  ["danger", "danger-subtle", 4.5],
  ["on-danger", "danger", 4.5],
  ["on-danger", "danger-hover", 4.5],
  ["warning", "bg", 4.5],
  ["warning", "warning-subtle", 4.5],
  ["success", "bg", 4.5],
  ["success", "success-subtle", 4.5],
  ["on-success", "success", 4.5],
  ["text", "note", 4.5],
  ["muted", "note", 4.5],
  ["focus", "bg", 3],
  // Non-text contrast (WCAG 1.4.11): a control's edge and the warning's accent bar.
  ["border-strong", "bg", 3],
  ["warning-border", "warning-subtle", 2],
];

describe("design tokens", () => {
  const tokens = colourTokens();

  it.each(PAIRS)("%s on %s reaches %d:1", (foreground, background, minimum) => {
    const fg = tokens.get(foreground);
    const bg = tokens.get(background);
    expect(fg, `--${foreground} is a colour token`).toMatch(/^#/);
    expect(bg, `--${background} is a colour token`).toMatch(/^#/);
    expect(contrast(fg ?? "", bg ?? "")).toBeGreaterThanOrEqual(minimum);
  });

  it("computes the known ratio of black on white, so a broken parser cannot pass", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
  });
});
