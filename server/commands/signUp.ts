import type { signupBody, User } from "@shared/api";
import type { z } from "zod";
import { hashPassword } from "../auth/password";
import { conflict } from "../errors";
import type { Store } from "../store";
import { newId } from "../store/ids";

const emailTaken = () =>
  conflict("email_taken", "An account with this email already exists. Sign in instead.");

/** Creates an account. Emails are compared without regard to case; a taken one is a 409. */
export async function signUp(store: Store, body: z.infer<typeof signupBody>): Promise<User> {
  const email = body.email.toLowerCase();
  if (store.users.emailTaken(email)) throw emailTaken();
  const passwordHash = await hashPassword(body.password);
  try {
    return store.users.insert({
      id: newId(),
      email,
      name: body.name,
      passwordHash,
      locale: body.locale ?? null,
      createdAt: Date.now(),
    });
  } catch (error) {
    // Two sign-ups with one email can both pass the check above while hashing; the index decides.
    if (error instanceof Error && "code" in error && error.code === "SQLITE_CONSTRAINT_UNIQUE")
      throw emailTaken();
    throw error;
  }
}
