import type { UserResponse } from "@shared/api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOGIN_THROTTLE } from "../auth/loginThrottle";
import { SESSION_COOKIE } from "../auth/lucia";
import { anonymous, createUser, TEST_PASSWORD, TestClient, uniqueEmail } from "../test/factories";
import { rawRequest } from "../test/rawRequest";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { countRows, sqlValue } from "../test/storage";

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());

const sessionCookieLine = (headers: Headers) =>
  headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? "";

describe("POST /api/auth/signup", () => {
  it("creates the account, answers 201 with the user and signs the browser in", async () => {
    const client = anonymous(srv);
    const email = uniqueEmail("new");
    const reply = await client.post<UserResponse>("/api/auth/signup", {
      email,
      password: TEST_PASSWORD,
      name: "  Ada Lovelace ",
      locale: "es",
    });
    expect(reply.status).toBe(201);
    expect(reply.body.user).toMatchObject({ email, name: "Ada Lovelace", locale: "es" });
    expect(reply.body.user).not.toHaveProperty("passwordHash");
    const me = await client.get<UserResponse>("/api/me");
    expect(me.body.user.id).toBe(reply.body.user.id);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie without Secure on plain HTTP", async () => {
    const reply = await anonymous(srv).post("/api/auth/signup", {
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      name: "Cookie Checker",
    });
    const cookie = sessionCookieLine(reply.headers);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("marks the cookie Secure when the site is served over HTTPS", async () => {
    const secure = await startTestServer({ config: { secureCookies: true } });
    try {
      const reply = await anonymous(secure).post("/api/auth/signup", {
        email: uniqueEmail(),
        password: TEST_PASSWORD,
        name: "Secure Checker",
      });
      expect(sessionCookieLine(reply.headers)).toMatch(/; Secure/i);
    } finally {
      await secure.close();
    }
  });

  it("stores an argon2id hash, never the password", async () => {
    const email = uniqueEmail();
    await anonymous(srv).post("/api/auth/signup", { email, password: TEST_PASSWORD, name: "Hash Checker" });
    const stored = await sqlValue(srv.ctx, "SELECT password_hash FROM users WHERE email = ?", [email]);
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(String(stored)).not.toContain(TEST_PASSWORD);
  });

  it("refuses an email that already has an account, whatever its case, with 409 email_taken", async () => {
    const email = uniqueEmail("taken");
    await createUser(srv, { email });
    const count = () => countRows(srv.ctx, "users");
    const before = await count();
    const reply = await anonymous(srv).post("/api/auth/signup", {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      name: "Copycat",
    });
    expect(reply.status).toBe(409);
    expect(reply.error?.code).toBe("email_taken");
    expect(await count()).toBe(before);
  });

  it("gives one of two sign-ups with one email at once its account and the other 409 email_taken", async () => {
    const email = uniqueEmail("twice");
    // Both pass the check for a taken email while their passwords hash; the unique index decides.
    const replies = await Promise.all(
      ["Twin One", "Twin Two"].map((name) =>
        anonymous(srv).post("/api/auth/signup", { email, password: TEST_PASSWORD, name }),
      ),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409]);
    expect(replies.find((reply) => reply.status === 409)?.error?.code).toBe("email_taken");
    expect(await sqlValue(srv.ctx, "SELECT count(*) FROM users WHERE email = ?", [email])).toBe(1);
  });

  it("refuses a password shorter than the minimum with a message naming the field", async () => {
    const reply = await anonymous(srv).post("/api/auth/signup", {
      email: uniqueEmail(),
      password: "short",
      name: "Shorty",
    });
    expect(reply.status).toBe(400);
    expect(reply.error?.code).toBe("invalid_body");
    expect(reply.error?.message).toMatch(/^password: /);
  });
});

describe("POST /api/auth/login", () => {
  it("signs in with the right pair, case-insensitively on the email", async () => {
    const user = await createUser(srv);
    const client = anonymous(srv);
    const reply = await client.post<UserResponse>("/api/auth/login", {
      email: user.user?.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.user.id).toBe(user.user?.id);
    expect((await client.get("/api/me")).status).toBe(200);
  });

  it("answers a wrong password and an unknown email alike: 401 invalid_credentials, no cookie", async () => {
    const user = await createUser(srv);
    const wrongPassword = await anonymous(srv).post("/api/auth/login", {
      email: user.user?.email,
      password: "not the password at all",
    });
    const unknownEmail = await anonymous(srv).post("/api/auth/login", {
      email: uniqueEmail("nobody"),
      password: TEST_PASSWORD,
    });
    for (const reply of [wrongPassword, unknownEmail]) {
      expect(reply.status).toBe(401);
      expect(reply.error).toEqual({
        code: "invalid_credentials",
        message: "The email or the password is wrong.",
      });
      expect(sessionCookieLine(reply.headers)).toBe("");
    }
  });

  it("ends the session the browser had before, so one browser holds one session", async () => {
    const first = await createUser(srv);
    const second = await createUser(srv);
    const browser = new TestClient(srv, first.user, first.password);
    browser.cookie = first.cookie;
    const oldCookie = first.cookie;
    await browser.post("/api/auth/login", { email: second.user?.email, password: TEST_PASSWORD });
    expect(browser.cookie).not.toBe(oldCookie);
    const stale = new TestClient(srv);
    stale.cookie = oldCookie;
    expect((await stale.get("/api/me")).status).toBe(401);
  });
});

describe("POST /api/auth/logout", () => {
  it("ends the session, clears the cookie and answers 204", async () => {
    const user = await createUser(srv);
    const oldCookie = user.cookie;
    const reply = await user.post("/api/auth/logout");
    expect(reply.status).toBe(204);
    expect(sessionCookieLine(reply.headers)).toMatch(/^cocrea_session=;/);
    const replay = new TestClient(srv);
    replay.cookie = oldCookie;
    expect((await replay.get("/api/me")).status).toBe(401);
  });

  it("answers 204 when nobody is signed in", async () => {
    expect((await anonymous(srv).post("/api/auth/logout")).status).toBe(204);
  });
});

describe("GET /api/me", () => {
  it("answers 401 not_signed_in without a session, and for a made-up session cookie", async () => {
    const forged = new TestClient(srv);
    forged.cookie = "a".repeat(40);
    for (const client of [anonymous(srv), forged]) {
      const reply = await client.get("/api/me");
      expect(reply.status).toBe(401);
      expect(reply.error?.code).toBe("not_signed_in");
    }
  });
});

describe("PATCH /api/me", () => {
  it("remembers the language and the name for the next session", async () => {
    const user = await createUser(srv);
    const reply = await user.patch<UserResponse>("/api/me", { locale: "fr", name: "Marie Curie" });
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ locale: "fr", name: "Marie Curie" });
    const later = await user.signIn();
    expect((await later.get<UserResponse>("/api/me")).body.user).toMatchObject({
      locale: "fr",
      name: "Marie Curie",
    });
  });

  it("refuses a language the product does not offer", async () => {
    const user = await createUser(srv);
    const reply = await user.patch("/api/me", { locale: "de" });
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toMatch(/^locale: /);
  });
});

describe("failed sign-ins", () => {
  // Each test counts from zero on a server of its own. Requests come from several loopback
  // addresses over real sockets: 127.0.0.2 is the attacker, 127.0.0.3 the account's owner.
  let limited: TestServer;
  beforeEach(async () => {
    limited = await startTestServer();
  });
  afterEach(() => limited.close());

  const login = (localAddress: string, email: string | undefined, password: string) =>
    rawRequest(limited, { method: "POST", path: "/api/auth/login", localAddress, body: { email, password } });

  it("slow an attacker guessing one account with growing delays, while its owner elsewhere signs in at once", async () => {
    const owner = await createUser(limited);
    const email = owner.user?.email;
    for (let i = 0; i < LOGIN_THROTTLE.freePerAccountAtAddress; i++) {
      expect((await login("127.0.0.2", email, "wrong password!")).status).toBe(401);
    }
    // The attacker's next try is refused, even with the right password, and told how long to wait.
    const refused = await login("127.0.0.2", email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: "rate_limited" } });
    expect(refused.headers["retry-after"]).toBe("1");
    // Waiting it out buys one more guess, and the wait doubles.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await login("127.0.0.2", email, "wrong password!")).status).toBe(401);
    expect((await login("127.0.0.2", email, TEST_PASSWORD)).headers["retry-after"]).toBe("2");
    // The owner, from their own address, is not locked out.
    expect((await login("127.0.0.3", email, TEST_PASSWORD)).status).toBe(200);
  });

  it("slow one address trying many accounts, and no other address", async () => {
    const victim = await createUser(limited);
    for (let i = 0; i < LOGIN_THROTTLE.freePerAddress; i++) {
      // Each made-up account stays under its own free failures; the address uses up its own.
      const reply = await login("127.0.0.2", `guess-${i % 7}@example.org`, "wrong password!");
      expect(reply.status).toBe(401);
    }
    const refused = await login("127.0.0.2", victim.user?.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    expect((await login("127.0.0.3", victim.user?.email, TEST_PASSWORD)).status).toBe(200);
  });
});

describe("sign-ups", () => {
  let limited: TestServer;
  beforeEach(async () => {
    // The production default, not the tests' lifted one.
    limited = await startTestServer({ config: { signupFreePerAddress: 10 } });
  });
  afterEach(() => limited.close());

  const signup = (localAddress: string, body: Record<string, unknown>) =>
    rawRequest(limited, {
      method: "POST",
      path: "/api/auth/signup",
      localAddress,
      body: { email: uniqueEmail("burst"), password: TEST_PASSWORD, name: "Burst", ...body },
    });

  it("are throttled per address: the eleventh in a burst waits a minute, other addresses do not", async () => {
    const replies = [];
    for (let i = 0; i < 10; i++) replies.push(await signup("127.0.0.2", {}));
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(201));
    const refused = await signup("127.0.0.2", {});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(50);
    expect((await signup("127.0.0.3", {})).status).toBe(201);
  });

  it.each([
    ["password12", "password12"],
    ["ten spaces", " ".repeat(10)],
    ["the person's own name", "Valentina Ospina"],
    ["the email's name", "valentina.ospina"],
    ["a Spanish word and a year", "contraseña2024"],
  ])("refuse a weak password (%s) with 400 weak_password and create no account", async (_, password) => {
    const email = `valentina.ospina@${Math.random().toString(36).slice(2)}.example.org`;
    const reply = await signup("127.0.0.2", { email, password, name: "Valentina Ospina" });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({
      error: { code: "weak_password", issues: [{ path: "password" }] },
    });
    expect(await limited.ctx.store.users.emailTaken(email)).toBe(false);
  });

  it.each([
    ["a right-to-left override", "Ana\u202Egnp.exe"],
    ["a zero-width space", "A\u200Bna"],
    ["a first-strong isolate", "Ana\u2068x"],
    ["a control character", "Ana\u0007"],
    ["nothing but spaces", "   "],
    ["121 characters", "n".repeat(121)],
  ])("refuse a display name with %s", async (_, name) => {
    const reply = await signup("127.0.0.2", { name });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ error: { issues: [{ path: "name" }] } });
  });

  it("store a display name in NFC, trimmed", async () => {
    const reply = await signup("127.0.0.2", { name: "  Jose\u0301 Nu\u0301n\u0303ez " });
    expect(reply.status).toBe(201);
    expect(JSON.parse(reply.text).user.name).toBe("Jos\u00e9 N\u00fa\u00f1ez");
  });
});
