import { describe, expect, it } from "vitest";
import { formatMeetingSpan, formatMeetingTime, isTimeZone } from "./meetingTime";

describe("formatMeetingTime", () => {
  it("says the time with its zone, in the reader's language", () => {
    const iso = "2026-12-02T17:00:00Z";
    expect(formatMeetingTime(iso, "en-GB", { timeZone: "Europe/Madrid" })).toBe("2 Dec 2026, 18:00 CET");
    expect(formatMeetingTime(iso, "es", { timeZone: "America/Mexico_City" })).toMatch(/11:00.*(CST|GMT-6)/);
    expect(formatMeetingTime(iso, "fr", { timeZone: "UTC", style: "long" })).toBe(
      "mercredi 2 décembre 2026 à 17:00 UTC",
    );
  });

  it("gives back what is not a date unchanged", () => {
    expect(formatMeetingTime("soon", "en")).toBe("soon");
  });
});

describe("formatMeetingSpan", () => {
  it("says the day and the zone once for a meeting within one day", () => {
    expect(
      formatMeetingSpan("2026-12-02T17:00:00Z", "2026-12-02T18:40:00Z", "en-GB", "Europe/Madrid"),
    ).toMatch(/^2 Dec 2026, 18:00\s?–\s?19:40 CET$/u);
  });

  it("falls back to the start alone when the end is missing or before it", () => {
    expect(formatMeetingSpan("2026-12-02T17:00:00Z", "", "en-GB", "UTC")).toBe("2 Dec 2026, 17:00 UTC");
  });
});

describe("isTimeZone", () => {
  it("accepts IANA names and refuses anything else", () => {
    expect(isTimeZone("Europe/Madrid")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("'; DROP")).toBe(false);
  });
});
