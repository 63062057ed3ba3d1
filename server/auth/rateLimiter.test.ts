import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./loginThrottle";
import { FailureRateLimiter } from "./rateLimiter";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("FailureRateLimiter", () => {
  it("allows up to the limit of failures, then refuses until the window ends", () => {
    const time = clock();
    const limiter = new FailureRateLimiter({ limit: 3, windowMs: 60_000, maxKeys: 10, now: time.now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.check("a").allowed).toBe(true);
      limiter.recordFailure("a");
    }
    expect(limiter.check("a")).toEqual({ allowed: false, retryAfterSeconds: 60 });
    time.advance(45_000);
    expect(limiter.check("a")).toEqual({ allowed: false, retryAfterSeconds: 15 });
    time.advance(15_000);
    expect(limiter.check("a").allowed).toBe(true);
  });

  it("forgets a key's failures on reset", () => {
    const limiter = new FailureRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 10 });
    limiter.recordFailure("a");
    expect(limiter.check("a").allowed).toBe(false);
    limiter.reset("a");
    expect(limiter.check("a").allowed).toBe(true);
  });

  it("keeps at most maxKeys keys, dropping expired ones first and then the oldest", () => {
    const time = clock();
    const limiter = new FailureRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 3, now: time.now });
    limiter.recordFailure("old");
    time.advance(60_000);
    limiter.recordFailure("b");
    limiter.recordFailure("c");
    limiter.recordFailure("d");
    expect(limiter.size).toBe(3);
    limiter.recordFailure("e");
    expect(limiter.size).toBe(3);
    expect(limiter.check("b").allowed).toBe(true);
    expect(limiter.check("e").allowed).toBe(false);
  });
});

describe("LoginThrottle", () => {
  it("counts an account's failures whatever the email's case, and refuses with the longer wait", () => {
    const time = clock();
    const throttle = new LoginThrottle({ perAccount: 2, perAddress: 100, windowMs: 60_000, now: time.now });
    throttle.recordFailure("Ana@Example.org", "10.0.0.1");
    time.advance(10_000);
    throttle.recordFailure("ana@example.org", "10.0.0.2");
    expect(throttle.check("ANA@example.org", "10.0.0.3")).toEqual({ allowed: false, retryAfterSeconds: 50 });
    throttle.recordSuccess("ana@example.org");
    expect(throttle.check("ana@example.org", "10.0.0.3").allowed).toBe(true);
  });

  it("refuses every account from an address past the address limit", () => {
    const throttle = new LoginThrottle({ perAccount: 100, perAddress: 2 });
    throttle.recordFailure("a@example.org", "10.0.0.1");
    throttle.recordFailure("b@example.org", "10.0.0.1");
    expect(throttle.check("c@example.org", "10.0.0.1").allowed).toBe(false);
    expect(throttle.check("c@example.org", "10.0.0.2").allowed).toBe(true);
  });
});
