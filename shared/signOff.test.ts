import { describe, expect, it } from "vitest";
import { DEFAULT_SIGN_OFF_RULES, type SignOffRules, signOffState } from "./signOff";

const signed = (sector: Parameters<typeof signOffState>[1][number]["sector"]) =>
  ({ sector, decision: "signed" }) as const;
const declined = (sector: Parameters<typeof signOffState>[1][number]["sector"]) =>
  ({ sector, decision: "declined" }) as const;

describe("signOffState", () => {
  it("needs one government and one non-governmental signature by default, academia counting", () => {
    expect(signOffState(DEFAULT_SIGN_OFF_RULES, []).complete).toBe(false);
    expect(signOffState(DEFAULT_SIGN_OFF_RULES, [signed("government")]).complete).toBe(false);
    const withAcademia = signOffState(DEFAULT_SIGN_OFF_RULES, [signed("government"), signed("academia")]);
    expect(withAcademia).toEqual({
      government: { signed: 1, needed: 1 },
      nonGovernmental: { signed: 1, needed: 1 },
      blocked: false,
      complete: true,
    });
  });

  it("counts no sector the rules leave out, and never government as non-governmental", () => {
    const state = signOffState(DEFAULT_SIGN_OFF_RULES, [
      signed("government"),
      signed("government"),
      signed("private_sector"),
      signed("citizen"),
    ]);
    expect(state.nonGovernmental.signed).toBe(0);
    expect(state.government.signed).toBe(2);
    expect(state.complete).toBe(false);
  });

  it("asks for as many signatures per side as the rules say", () => {
    const rules: SignOffRules = { ...DEFAULT_SIGN_OFF_RULES, nonGovernmentalSignatures: 2 };
    expect(signOffState(rules, [signed("government"), signed("civil_society")]).complete).toBe(false);
    expect(
      signOffState(rules, [signed("government"), signed("civil_society"), signed("academia")]).complete,
    ).toBe(true);
  });

  it("lets a decline block only when the rules say so, and only from a counting sector", () => {
    const decisions = [signed("government"), signed("civil_society"), declined("academia")];
    expect(signOffState(DEFAULT_SIGN_OFF_RULES, decisions).complete).toBe(true);
    const blocking: SignOffRules = { ...DEFAULT_SIGN_OFF_RULES, declineBlocks: true };
    expect(signOffState(blocking, decisions)).toMatchObject({ blocked: true, complete: false });
    const outside = [signed("government"), signed("civil_society"), declined("citizen")];
    expect(signOffState(blocking, outside)).toMatchObject({ blocked: false, complete: true });
  });
});
