/** The package ships no types; only what tokens.test.ts uses. */
declare module "wcag-contrast" {
  /** WCAG 2 contrast ratio of two "#rrggbb" colours, from 1 to 21. */
  export function hex(a: string, b: string): number;
}
