import { performance } from "node:perf_hooks";

/** What the load needs from a prepared Cocrea: members' session cookies and the workspaces they share. */
export interface CocreaFixture {
  /** `cocrea_session=…` of each member; the first is the facilitator who created every workspace. */
  cookies: string[];
  workspaceIds: string[];
  setupMs: number;
  requests: number;
}

const SESSION_COOKIE = "cocrea_session";
const MAX_RETRIES = 5;

/** JSON requests to Cocrea as a browser on the site sends them, retrying a throttled one (429). */
export class RestClient {
  requests = 0;
  constructor(private readonly origin: string) {}

  /** Sends one JSON request as a browser on the site would (same Origin); returns the response. */
  async call(method: string, path: string, body: unknown, cookie?: string): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      this.requests++;
      const response = await fetch(`${this.origin}${path}`, {
        method,
        headers: { "content-type": "application/json", origin: this.origin, ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
      if (response.ok) return response;
      const retryAfter = Number(response.headers.get("retry-after") ?? "1");
      if (response.status !== 429 || attempt >= MAX_RETRIES) {
        throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 10) * 1000));
    }
  }

  async json<T>(method: string, path: string, body: unknown, cookie?: string): Promise<T> {
    return (await (await this.call(method, path, body, cookie)).json()) as T;
  }
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
export async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Prepares Cocrea through its public REST API, as people would: `members` sign up, the first
 * creates `workspaces` workspaces and invites the others into each as drafters. Reusing a small
 * pool of members across all workspaces keeps the setup to seconds (each sign-up costs an argon2 hash).
 */
export async function setUpCocrea(
  origin: string,
  members: number,
  workspaces: number,
): Promise<CocreaFixture> {
  const rest = new RestClient(origin);
  const started = performance.now();
  const cookies = await signUpPeople(rest, members, "member", 1);
  const [facilitator, ...others] = cookies;
  const workspaceIds: string[] = new Array(workspaces);
  await inParallel(workspaces, 4, async (index) => {
    const { workspace } = await rest.json<{ workspace: { id: string } }>(
      "POST",
      "/api/workspaces",
      { name: `Benchmark plan ${index}`, jurisdiction: "Benchmark City" },
      facilitator,
    );
    const { invitation } = await rest.json<{ invitation: { token: string } }>(
      "POST",
      `/api/workspaces/${workspace.id}/invitations`,
      { role: "drafter", sector: "civil_society" },
      facilitator,
    );
    for (const member of others)
      await rest.call("POST", `/api/invitations/${invitation.token}/accept`, {}, member);
    workspaceIds[index] = workspace.id;
  });
  return { cookies, workspaceIds, setupMs: performance.now() - started, requests: rest.requests };
}

/**
 * Signs `count` people up through `POST /api/auth/signup`, `concurrency` at a time (each sign-up
 * costs an argon2 hash); their session cookies (`cocrea_session=…`), in order.
 */
export async function signUpPeople(
  rest: RestClient,
  count: number,
  label: string,
  concurrency: number,
): Promise<string[]> {
  const runId = Date.now().toString(36);
  const cookies: string[] = new Array(count);
  await inParallel(count, concurrency, async (i) => {
    const response = await rest.call("POST", "/api/auth/signup", {
      email: `bench-${label}-${runId}-${i}@example.org`,
      password: "benchmark-password-1",
      name: `Bench ${label} ${i}`,
    });
    const session = response.headers
      .getSetCookie()
      .map((header) => header.split(";")[0] ?? "")
      .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
    if (!session) throw new Error("sign-up answered without a session cookie");
    cookies[i] = session;
  });
  return cookies;
}

/** Publishes a workspace's process page, its draft shown, as its facilitator (`cookie`); its slug. */
export async function publishWorkspace(origin: string, workspaceId: string, cookie: string): Promise<string> {
  const rest = new RestClient(origin);
  await rest.call(
    "PUT",
    `/api/workspaces/${workspaceId}/publication`,
    { published: true, showDraft: true, minutes: [], inputs: [] },
    cookie,
  );
  const { workspace } = await rest.json<{ workspace: { slug: string } }>(
    "GET",
    `/api/workspaces/${workspaceId}`,
    undefined,
    cookie,
  );
  return workspace.slug;
}
