import type { signupBody, User } from "@shared/api";
import { PASSWORD_MIN_SCORE } from "@shared/passwordStrength";
import type { z } from "zod";
import { hashPassword } from "../auth/password";
import { estimatePasswordStrength } from "../auth/passwordStrength";
import { badRequest, conflict } from "../errors";
import type { Store } from "../store";
import { newId } from "../store/ids";
import { isUniqueViolation } from "../store/sql";

const emailTaken = () =>
  conflict("email_taken", "An account with this email already exists. Sign in instead.");

/**
 * Refuses a password that is easy to guess (`400 weak_password`): common passwords, words,
 * names, repeats, keyboard rows, and the person's own name or email.
 */
export async function requireStrongPassword(
  password: string,
  userInputs: readonly string[],
  field = "password",
): Promise<void> {
  const strength = await estimatePasswordStrength(password, userInputs);
  if (strength.strongEnough) return;
  const message = `this password is too easy to guess (strength ${strength.score} of 4, at least ${PASSWORD_MIN_SCORE} needed): use a few unrelated words, or make it longer`;
  throw badRequest("weak_password", `${field}: ${message}`, [{ path: field, message }]);
}

/**
 * Creates an account. Emails are compared without regard to case; a taken one is a 409. The
 * password must be hard enough to guess (requireStrongPassword).
 */
export async function signUp(store: Store, body: z.infer<typeof signupBody>): Promise<User> {
  const email = body.email.toLowerCase();
  if (await store.users.emailTaken(email)) throw emailTaken();
  await requireStrongPassword(body.password, [email, body.name]);
  const passwordHash = await hashPassword(body.password);
  try {
    // Awaited here, so that the index's refusal is caught below.
    return await store.users.insert({
      id: newId(),
      email,
      name: body.name,
      passwordHash,
      locale: body.locale ?? null,
      createdAt: Date.now(),
    });
  } catch (error) {
    // Two sign-ups with one email can both pass the check above while hashing; the index decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
