import type { UserResponse } from "@shared/api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../auth/lucia";
import { anonymous, createUser, TEST_PASSWORD, TestClient, uniqueEmail } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";

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
    const stored = srv.ctx.db.prepare("SELECT password_hash FROM users WHERE email = ?").pluck().get(email);
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(String(stored)).not.toContain(TEST_PASSWORD);
  });

  it("refuses an email that already has an account, whatever its case, with 409 email_taken", async () => {
    const email = uniqueEmail("taken");
    await createUser(srv, { email });
    const count = () => srv.ctx.db.prepare("SELECT count(*) FROM users").pluck().get();
    const before = count();
    const reply = await anonymous(srv).post("/api/auth/signup", {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
      name: "Copycat",
    });
    expect(reply.status).toBe(409);
    expect(reply.error?.code).toBe("email_taken");
    expect(count()).toBe(before);
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
  // Each test counts from zero on a server of its own.
  let limited: TestServer;
  beforeEach(async () => {
    limited = await startTestServer();
  });
  afterEach(() => limited.close());

  it("are limited per account: the sixth try within the window gets 429 with Retry-After, even with the right password", async () => {
    const user = await createUser(limited);
    const attempt = (password: string) =>
      anonymous(limited).post("/api/auth/login", { email: user.user?.email, password });
    for (let i = 0; i < 5; i++) expect((await attempt("wrong password!")).status).toBe(401);
    const refused = await attempt(TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.error?.code).toBe("rate_limited");
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another account from the same address is not affected by this account's limit.
    const other = await createUser(limited);
    expect(
      (
        await anonymous(limited).post("/api/auth/login", {
          email: other.user?.email,
          password: TEST_PASSWORD,
        })
      ).status,
    ).toBe(200);
  });

  it("are limited per address: after 30 failures across accounts, every account is refused", async () => {
    const victim = await createUser(limited);
    // Each made-up account stays under its own limit of 5; the address passes 30 in total.
    for (let i = 0; i < 30; i++) {
      const reply = await anonymous(limited).post("/api/auth/login", {
        email: `guess-${i % 7}@example.org`,
        password: "wrong password!",
      });
      expect(reply.status).toBe(401);
    }
    const refused = await anonymous(limited).post("/api/auth/login", {
      email: victim.user?.email,
      password: TEST_PASSWORD,
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
  });
});
