import type { UserResponse } from "@shared/api";
import { expect } from "vitest";
import { anonymous, TEST_PASSWORD, type TestClient, uniqueEmail } from "../test/factories";
import type { TestServer } from "../test/startTestServer";

/** Helpers for the consultation integration tests. */

/**
 * Signs up through the consultation's light sign-up (a citizen who keeps their name private unless
 * `over` says otherwise); returns the signed-in client. Fails the test on any answer but 201.
 */
export async function signUpParticipant(
  srv: TestServer,
  consultationId: string,
  over: Record<string, unknown> = {},
): Promise<TestClient> {
  const client = anonymous(srv);
  const reply = await client.post<UserResponse>(`/api/consultations/${consultationId}/signup`, {
    name: "Rosa Resident",
    email: uniqueEmail("participant"),
    password: TEST_PASSWORD,
    sector: "citizen",
    showName: false,
    ...over,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return Object.assign(client, { user: reply.body.user, password: TEST_PASSWORD });
}
