import path from "node:path";
import { LIMITS } from "@shared/limits";
import { z } from "zod";
import { INPUT_THROTTLE } from "./auth/inputThrottle";

/** Log levels pino knows, quietest last. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Server settings, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /**
   * The PostgreSQL database that several instances share, e.g. postgres://cocrea@db/cocrea; null
   * for the embedded SQLite database in `dataDir`.
   */
  databaseUrl: string | null;
  /** The Ed25519 key that seals official versions (PKCS#8 PEM, generated on first start). */
  signingKeyFile: string;
  /** Public origin of the site, e.g. https://cocrea.example.org; used for invitation links and Origin checks. */
  publicOrigin: string | null;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-For for rate limiting (only behind a proxy you control). */
  trustProxy: boolean;
  /** Sign-ups one address may make before each further one has to wait (growing delays). */
  signupFreePerAddress: number;
  /** Consultation inputs and supports one address may send in a burst (INPUT_THROTTLE.freePerAddress). */
  inputsFreePerAddress: number;
  /** Most /collab sockets and event streams one account may hold open at once. */
  maxSocketsPerUser: number;
  /** Live public draft sockets one address may hold (LIMITS.maxPublicReadersPerAddress). */
  maxPublicReadersPerAddress: number;
  maxStreamsPerUser: number;
  /**
   * The Redis that several instances share (events, presence, document updates, revocation, limits),
   * e.g. redis://redis.internal:6379/0; null for one instance on its own.
   */
  redisUrl: string | null;
  /** Serve the API and collaboration socket only, without the built client. */
  skipClient: boolean;
  logLevel: LogLevel;
  metrics: MetricsConfig;
}

/**
 * Where /metrics is served. Neither set: nowhere (metrics reveal activity, so they are not public
 * by default). `port`: on its own listener at `host:port`. `token`: also on the main port, to
 * requests bearing it (and the metrics port then asks for it too).
 */
export interface MetricsConfig {
  port: number | null;
  host: string;
  token: string | null;
}

/** One message per problem, all of them: the process prints them and exits 1. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
}

// An empty variable (`COCREA_PUBLIC_ORIGIN=` in an env file) means "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const flag = (name: string) =>
  optional(z.enum(["0", "1"], { error: `${name} must be 0 or 1` })).transform((value) =>
    value === undefined ? undefined : value === "1",
  );

const port = (name: string, min: number) =>
  optional(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number from ${min} to 65535`)
      .transform(Number)
      .refine((n) => n >= min && n <= 65535, `${name} must be a whole number from ${min} to 65535`),
  );

const atLeastOne = (name: string) =>
  optional(
    z
      .string()
      .regex(/^[1-9]\d*$/, `${name} must be a whole number of at least 1`)
      .transform(Number),
  );

const origin = optional(
  z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      error: "COCREA_PUBLIC_ORIGIN must be an http:// or https:// URL, e.g. https://cocrea.example.org",
    })
    .transform((value) => new URL(value).origin),
);

const redisUrl = optional(
  z.string().refine((value) => URL.canParse(value) && /^rediss?:$/.test(new URL(value).protocol), {
    error: "COCREA_REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379",
  }),
);

const databaseUrl = optional(
  z.string().refine((value) => URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol), {
    error:
      "COCREA_DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://cocrea@127.0.0.1/cocrea",
  }),
);

const environment = z
  .object({
    PORT: port("PORT", 0),
    HOST: optional(z.string()),
    COCREA_DATA_DIR: optional(z.string()),
    COCREA_DATABASE_URL: databaseUrl,
    COCREA_SIGNING_KEY_FILE: optional(z.string()),
    COCREA_PUBLIC_ORIGIN: origin,
    COCREA_SECURE_COOKIES: flag("COCREA_SECURE_COOKIES"),
    COCREA_TRUST_PROXY: flag("COCREA_TRUST_PROXY"),
    COCREA_SIGNUP_FREE_PER_ADDRESS: atLeastOne("COCREA_SIGNUP_FREE_PER_ADDRESS"),
    COCREA_INPUTS_FREE_PER_ADDRESS: atLeastOne("COCREA_INPUTS_FREE_PER_ADDRESS"),
    COCREA_MAX_SOCKETS_PER_USER: atLeastOne("COCREA_MAX_SOCKETS_PER_USER"),
    COCREA_MAX_STREAMS_PER_USER: atLeastOne("COCREA_MAX_STREAMS_PER_USER"),
    COCREA_MAX_READERS_PER_ADDRESS: atLeastOne("COCREA_MAX_READERS_PER_ADDRESS"),
    COCREA_REDIS_URL: redisUrl,
    COCREA_SKIP_CLIENT: flag("COCREA_SKIP_CLIENT"),
    COCREA_LOG_LEVEL: optional(
      z.enum(LOG_LEVELS, { error: `COCREA_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` }),
    ),
    COCREA_METRICS_PORT: port("COCREA_METRICS_PORT", 1),
    COCREA_METRICS_HOST: optional(z.string()),
    // A guessable token would make the metrics public; 32 characters is what `openssl rand -hex 16` prints.
    COCREA_METRICS_TOKEN: optional(
      z.string().min(32, "COCREA_METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 16`)"),
    ),
  })
  // Checked once every variable is valid on its own.
  .refine(
    (vars) => vars.COCREA_METRICS_PORT === undefined || vars.COCREA_METRICS_PORT !== (vars.PORT ?? 3000),
    {
      error: "COCREA_METRICS_PORT must differ from PORT",
    },
  );

/** Reads and checks the environment; throws a ConfigError listing every problem found. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  const vars = parsed.data;
  const publicOrigin = vars.COCREA_PUBLIC_ORIGIN ?? null;
  const dataDir = path.resolve(vars.COCREA_DATA_DIR ?? "data");
  return {
    port: vars.PORT ?? 3000,
    host: vars.HOST ?? "0.0.0.0",
    dataDir,
    databaseUrl: vars.COCREA_DATABASE_URL ?? null,
    // Beside the database by default, so a backup of the data folder carries it.
    signingKeyFile: path.resolve(vars.COCREA_SIGNING_KEY_FILE ?? path.join(dataDir, "signing-key.pem")),
    publicOrigin,
    secureCookies: vars.COCREA_SECURE_COOKIES ?? publicOrigin?.startsWith("https:") === true,
    trustProxy: vars.COCREA_TRUST_PROXY ?? false,
    signupFreePerAddress: vars.COCREA_SIGNUP_FREE_PER_ADDRESS ?? 10,
    inputsFreePerAddress: vars.COCREA_INPUTS_FREE_PER_ADDRESS ?? INPUT_THROTTLE.freePerAddress,
    maxSocketsPerUser: vars.COCREA_MAX_SOCKETS_PER_USER ?? LIMITS.maxSocketsPerUser,
    maxStreamsPerUser: vars.COCREA_MAX_STREAMS_PER_USER ?? LIMITS.maxEventStreamsPerUser,
    maxPublicReadersPerAddress: vars.COCREA_MAX_READERS_PER_ADDRESS ?? LIMITS.maxPublicReadersPerAddress,
    redisUrl: vars.COCREA_REDIS_URL ?? null,
    skipClient: vars.COCREA_SKIP_CLIENT ?? false,
    logLevel: vars.COCREA_LOG_LEVEL ?? "info",
    metrics: {
      port: vars.COCREA_METRICS_PORT ?? null,
      host: vars.COCREA_METRICS_HOST ?? "127.0.0.1",
      token: vars.COCREA_METRICS_TOKEN ?? null,
    },
  };
}
