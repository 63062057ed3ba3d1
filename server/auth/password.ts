import type * as Argon2 from "@node-rs/argon2";

let argon2: Promise<typeof Argon2> | null = null;
/**
 * The native argon2 library (about 9 MB of RSS, mostly its code), loaded on the first sign-up or
 * sign-in: a process that only relays documents to signed-in sockets never needs it.
 */
const loadArgon2 = (): Promise<typeof Argon2> => {
  argon2 ??= import("@node-rs/argon2");
  return argon2;
};

// Argon2id (the library's default algorithm) with OWASP's recommended minimum: 19 MiB, 2 passes,
// one lane. About 20–40 ms per hash on one core: slow for a guesser, quick for a person.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id; the result is a self-describing PHC string. */
export async function hashPassword(password: string): Promise<string> {
  const { hash } = await loadArgon2();
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * Checks a password against a stored hash. With no hash (unknown email) it still runs one
 * verification against a dummy hash, so the answer takes as long and does not reveal which
 * emails have accounts.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  const { verify } = await loadArgon2();
  if (storedHash === null) {
    dummyHash ??= hashPassword("no account has this password, it only spends time");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
