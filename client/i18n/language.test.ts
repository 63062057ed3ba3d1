import { describe, expect, it } from "vitest";
import { pickLanguage } from "./language";

describe("pickLanguage", () => {
  it("prefers the locale saved on the user's account", () => {
    expect(pickLanguage("fr", "es", ["en-US"])).toBe("fr");
  });

  it("uses the choice stored in this browser when the account has none", () => {
    expect(pickLanguage(null, "es", ["fr-FR"])).toBe("es");
  });

  it("uses the first supported browser language, ignoring the region", () => {
    expect(pickLanguage(null, null, ["de-DE", "es-MX", "fr"])).toBe("es");
  });

  it("ignores unsupported saved or stored values", () => {
    expect(pickLanguage("pt", "xx", ["FR-ca"])).toBe("fr");
  });

  it("falls back to English", () => {
    expect(pickLanguage(undefined, null, ["de", "it"])).toBe("en");
  });
});
