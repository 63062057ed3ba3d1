import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("loadConfig", () => {
  it("gives the embedded defaults for an empty environment", () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: "0.0.0.0",
      dataDir: path.resolve("data"),
      databaseUrl: null,
      signingKeyFile: path.resolve("data", "signing-key.pem"),
      publicOrigin: null,
      secureCookies: false,
      trustProxy: false,
      signupFreePerAddress: 10,
      inputsFreePerAddress: 200,
      maxSocketsPerUser: 32,
      maxPublicReadersPerAddress: 16,
      maxStreamsPerUser: 16,
      redisUrl: null,
      skipClient: false,
      logLevel: "info",
      metrics: { port: null, host: "127.0.0.1", token: null },
    });
  });

  it("reads every variable, and treats an empty one as unset", () => {
    const config = loadConfig({
      PORT: "8080",
      HOST: "127.0.0.1",
      COCREA_DATA_DIR: "/var/lib/cocrea",
      COCREA_DATABASE_URL: "postgresql://cocrea:secret@db.internal:5432/cocrea?sslmode=require",
      COCREA_SIGNING_KEY_FILE: "/etc/cocrea/signing-key.pem",
      COCREA_PUBLIC_ORIGIN: "https://cocrea.example.org/some/path",
      COCREA_TRUST_PROXY: "1",
      COCREA_SKIP_CLIENT: "1",
      COCREA_REDIS_URL: "redis://redis.internal:6379/2",
      COCREA_LOG_LEVEL: "warn",
      COCREA_METRICS_PORT: "9464",
      COCREA_METRICS_HOST: "10.0.0.5",
      COCREA_METRICS_TOKEN: "",
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: "/var/lib/cocrea",
      databaseUrl: "postgresql://cocrea:secret@db.internal:5432/cocrea?sslmode=require",
      signingKeyFile: "/etc/cocrea/signing-key.pem",
      publicOrigin: "https://cocrea.example.org",
      secureCookies: true,
      trustProxy: true,
      skipClient: true,
      redisUrl: "redis://redis.internal:6379/2",
      logLevel: "warn",
      metrics: { port: 9464, host: "10.0.0.5", token: null },
    });
    expect(
      loadConfig({ COCREA_PUBLIC_ORIGIN: "https://a.example", COCREA_SECURE_COOKIES: "0" }).secureCookies,
    ).toBe(false);
  });

  it("lists every problem at once, one message each", () => {
    expect(
      problems({
        PORT: "80a",
        COCREA_PUBLIC_ORIGIN: "cocrea.example.org",
        COCREA_TRUST_PROXY: "yes",
        COCREA_DATABASE_URL: "mysql://db/cocrea",
        COCREA_SIGNUP_FREE_PER_ADDRESS: "0",
        COCREA_LOG_LEVEL: "verbose",
        COCREA_METRICS_PORT: "70000",
        COCREA_METRICS_TOKEN: "short",
        COCREA_REDIS_URL: "localhost:6379",
      }),
    ).toEqual([
      "PORT must be a whole number from 0 to 65535",
      "COCREA_DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://cocrea@127.0.0.1/cocrea",
      "COCREA_PUBLIC_ORIGIN must be an http:// or https:// URL, e.g. https://cocrea.example.org",
      "COCREA_TRUST_PROXY must be 0 or 1",
      "COCREA_SIGNUP_FREE_PER_ADDRESS must be a whole number of at least 1",
      "COCREA_REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379",
      "COCREA_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent",
      "COCREA_METRICS_PORT must be a whole number from 1 to 65535",
      "COCREA_METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 16`)",
    ]);
  });

  it("refuses a metrics port equal to the main port", () => {
    expect(problems({ PORT: "9000", COCREA_METRICS_PORT: "9000" })).toEqual([
      "COCREA_METRICS_PORT must differ from PORT",
    ]);
    expect(problems({ COCREA_METRICS_PORT: "3000" })).toEqual(["COCREA_METRICS_PORT must differ from PORT"]);
  });

  it("refuses origins that are not web origins", () => {
    expect(problems({ COCREA_PUBLIC_ORIGIN: "ftp://files.example.org" })).toHaveLength(1);
    expect(problems({ COCREA_PUBLIC_ORIGIN: "javascript:alert(1)" })).toHaveLength(1);
  });
});
