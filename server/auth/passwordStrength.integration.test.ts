import { afterEach, describe, expect, it } from "vitest";
import { PasswordStrengthThread } from "./passwordStrength";

describe("PasswordStrengthThread", () => {
  let thread: PasswordStrengthThread | null = null;
  afterEach(async () => {
    await thread?.close();
    thread = null;
  });

  it("estimates on its thread as the shared estimator does", async () => {
    thread = new PasswordStrengthThread();
    const weak = await thread.estimate("password123");
    expect(weak.strongEnough).toBe(false);
    const strong = await thread.estimate("lantern orbit cactus meadow");
    expect(strong.strongEnough).toBe(true);
    // The person's own name and email are easy to guess.
    const own = await thread.estimate("maria.gonzalez", ["María González", "maria.gonzalez@example.org"]);
    expect(own.strongEnough).toBe(false);
  }, 30_000);

  it("stops its thread once idle, giving the dictionaries' memory back, and starts it again when needed", async () => {
    thread = new PasswordStrengthThread(200);
    await thread.estimate("lantern orbit cactus meadow");
    expect(thread.running).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(thread.running).toBe(false);
    const again = await thread.estimate("lantern orbit cactus meadow");
    expect(again.strongEnough).toBe(true);
  }, 30_000);
});
