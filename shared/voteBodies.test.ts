import { describe, expect, it } from "vitest";
import { openVoteBody } from "./voteBodies";

const prioritise = (options: string[], maxChoices: number) =>
  openVoteBody.safeParse({
    kind: "prioritise",
    title: "Which commitments first?",
    options,
    maxChoices,
    eligibility: "commenter",
    secrecy: "open",
    tallies: "live",
  });

const paths = (result: ReturnType<typeof prioritise>) =>
  result.error?.issues.map((issue) => issue.path.join(".")) ?? [];

describe("openVoteBody for a prioritise vote", () => {
  it("flags only the options when there are too few, not the untouched 'at most'", () => {
    expect(paths(prioritise([], 1))).toEqual(["options"]);
  });

  it("flags 'at most' when it exceeds the options given", () => {
    expect(paths(prioritise(["Open data", "Budget"], 3))).toEqual(["maxChoices"]);
  });

  it("accepts 'at most' up to the number of options", () => {
    expect(prioritise(["Open data", "Budget"], 2).success).toBe(true);
  });
});
