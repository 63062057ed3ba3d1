import { describe, expect, it } from "vitest";
import { GrowingDelayLimiter } from "./attemptLimiter";
import { LOGIN_THROTTLE, LoginThrottle, memoryLoginLimiters } from "./loginThrottle";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const options = { free: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000, maxKeys: 10 };

describe("GrowingDelayLimiter", () => {
  it("lets the free attempts through, then makes each further one wait twice as long as the last, up to the cap", async () => {
    const time = clock();
    const limiter = new GrowingDelayLimiter({ ...options, now: time.now });
    for (let i = 0; i < 3; i++) {
      expect(await limiter.check("a")).toEqual({ allowed: true });
      await limiter.record("a");
    }
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = await limiter.check("a");
      waits.push(decision.allowed ? 0 : decision.retryAfterSeconds);
      time.advance((waits.at(-1) ?? 0) * 1000);
      await limiter.record("a");
    }
    expect(waits).toEqual([1, 2, 4, 8, 8, 8]);
  });

  it("allows the attempt once the wait has passed, and forgets a key idle for the forget period", async () => {
    const time = clock();
    const limiter = new GrowingDelayLimiter({ ...options, now: time.now });
    for (let i = 0; i < 4; i++) await limiter.record("a");
    expect(await limiter.check("a")).toEqual({ allowed: false, retryAfterSeconds: 2 });
    time.advance(2000);
    expect(await limiter.check("a")).toEqual({ allowed: true });
    time.advance(60_000);
    await limiter.record("a");
    expect(await limiter.check("a")).toEqual({ allowed: true });
  });

  it("keeps at most maxKeys keys, forgetting the one idle longest", async () => {
    const limiter = new GrowingDelayLimiter({ ...options, free: 0, maxKeys: 2 });
    await limiter.record("a");
    await limiter.record("b");
    await limiter.record("a");
    await limiter.record("c");
    expect(limiter.size).toBe(2);
    expect((await limiter.check("b")).allowed).toBe(true);
    expect((await limiter.check("a")).allowed).toBe(false);
  });
});

describe("LoginThrottle", () => {
  it("counts an account's failures per address: another address, the owner's, is not slowed", async () => {
    const time = clock();
    const throttle = new LoginThrottle(memoryLoginLimiters(100, time.now));
    for (let i = 0; i < 20; i++) await throttle.recordFailure("Ana@Example.org", "203.0.113.9");
    expect((await throttle.check("ana@example.org", "203.0.113.9")).allowed).toBe(false);
    expect(await throttle.check("ANA@example.org", "198.51.100.7")).toEqual({ allowed: true });
  });

  it("refuses every account from an address past its free failures, and forgets a pair's failures on success", async () => {
    const throttle = new LoginThrottle(memoryLoginLimiters());
    for (let i = 0; i < LOGIN_THROTTLE.freePerAddress; i++) {
      await throttle.recordFailure(`guess-${i % 4}@example.org`, "10.0.0.1");
    }
    expect((await throttle.check("c@example.org", "10.0.0.1")).allowed).toBe(false);
    expect((await throttle.check("c@example.org", "10.0.0.2")).allowed).toBe(true);
    for (let i = 0; i < 5; i++) await throttle.recordFailure("b@example.org", "10.0.0.2");
    await throttle.recordSuccess("b@example.org", "10.0.0.2");
    await throttle.recordFailure("b@example.org", "10.0.0.2");
    expect((await throttle.check("b@example.org", "10.0.0.2")).allowed).toBe(true);
  });
});
