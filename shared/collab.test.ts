import { describe, expect, it } from "vitest";
import { meetingDocName, parseDocName } from "./collab";
import { planDocName } from "./plan";

describe("parseDocName", () => {
  it("reads the plan and meeting names the app builds", () => {
    expect(parseDocName(planDocName("abc234"))).toEqual({ kind: "plan", workspaceId: "abc234" });
    expect(parseDocName(meetingDocName("m-1_x"))).toEqual({ kind: "meeting", meetingId: "m-1_x" });
  });

  it.each([
    "",
    "plan",
    "plan:",
    "notes:abc",
    "plan:a/b",
    "plan:../x",
    "PLAN:abc",
    `plan:${"a".repeat(65)}`,
    " plan:abc",
  ])("names no document with %j", (name) => {
    expect(parseDocName(name)).toBeNull();
  });
});
