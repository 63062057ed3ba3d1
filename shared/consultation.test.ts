import { describe, expect, it } from "vitest";
import { consultationStatus } from "./consultation";
import { consultationBody } from "./consultationBodies";

const dates = { startsAt: "2027-03-01T00:00:00Z", endsAt: "2027-03-31T00:00:00Z" };

describe("consultationStatus", () => {
  it("is upcoming before the start, open from the start, closed from the end", () => {
    expect(consultationStatus(dates, Date.parse(dates.startsAt) - 1)).toBe("upcoming");
    expect(consultationStatus(dates, Date.parse(dates.startsAt))).toBe("open");
    expect(consultationStatus(dates, Date.parse(dates.endsAt) - 1)).toBe("open");
    expect(consultationStatus(dates, Date.parse(dates.endsAt))).toBe("closed");
  });
});

describe("consultationBody", () => {
  const valid = { title: "Draft plan", instructions: "Tell us", ...dates, scope: "plan" };

  it("accepts the whole draft with no commitments", () => {
    expect(consultationBody.parse(valid).commitmentIds).toEqual([]);
  });

  it("refuses an end before the start, at endsAt", () => {
    const result = consultationBody.safeParse({ ...valid, endsAt: "2027-02-01T00:00:00Z" });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["endsAt"]);
  });

  it("refuses chosen commitments when none is chosen, at commitmentIds", () => {
    const result = consultationBody.safeParse({ ...valid, scope: "commitments" });
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["commitmentIds"]);
  });
});
