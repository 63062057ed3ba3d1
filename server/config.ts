import path from "node:path";

/** Server settings, read once from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Public origin of the site, e.g. https://cocrea.example.org; used for invitation links and Origin checks. */
  publicOrigin: string | null;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-For for rate limiting (only behind a proxy you control). */
  trustProxy: boolean;
  /** Sign-ups one address may make before each further one has to wait (growing delays). */
  signupFreePerAddress: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port: ${env.PORT}`);
  const publicOrigin = env.COCREA_PUBLIC_ORIGIN ? new URL(env.COCREA_PUBLIC_ORIGIN).origin : null;
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir: path.resolve(env.COCREA_DATA_DIR ?? "data"),
    publicOrigin,
    secureCookies: env.COCREA_SECURE_COOKIES
      ? env.COCREA_SECURE_COOKIES === "1"
      : publicOrigin?.startsWith("https:") === true,
    trustProxy: env.COCREA_TRUST_PROXY === "1",
    signupFreePerAddress: positiveInteger(
      "COCREA_SIGNUP_FREE_PER_ADDRESS",
      env.COCREA_SIGNUP_FREE_PER_ADDRESS,
      10,
    ),
  };
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number of at least 1: ${value}`);
  return n;
}
