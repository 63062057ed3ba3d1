import { describe, expect, it } from "vitest";
import type { ConsultationRecord } from "../store/consultations";
import { presentConsultation, statusAt } from "./consultationPresenter";

describe("statusAt", () => {
  it("answers what presentConsultation shows, to the millisecond at either end", () => {
    const startsAt = Date.parse("2026-12-03T10:00:00.123Z");
    const endsAt = startsAt + 3_600_001;
    const record: ConsultationRecord = {
      id: "c1",
      workspaceId: "w1",
      title: "t",
      instructions: "",
      startsAt,
      endsAt,
      scope: "plan",
      commitmentIds: [],
      createdBy: "u1",
      createdAt: startsAt - 1,
    };
    const seen = new Set<string>();
    for (const now of [0, startsAt - 1, startsAt, startsAt + 1, endsAt - 1, endsAt, endsAt + 1, 8.64e15]) {
      expect(statusAt(record, now), String(now)).toBe(presentConsultation(record, now).status);
      seen.add(statusAt(record, now));
    }
    expect([...seen].sort()).toEqual(["closed", "open", "upcoming"]);
  });
});
