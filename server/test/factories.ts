import type {
  ApiError,
  CreatedInvitationResponse,
  MembershipResponse,
  User,
  UserResponse,
  Workspace,
  WorkspaceResponse,
} from "@shared/api";
import type { Role, Sector } from "@shared/roles";
import { SESSION_COOKIE } from "../auth/lucia";
import type { TestServer } from "./startTestServer";

export interface Reply<T = unknown> {
  status: number;
  /** The parsed JSON body (null when empty or not JSON). */
  body: T;
  /** The `error` of a refusal, for short assertions. */
  error: ApiError["error"] | undefined;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, for malformed bodies; overrides `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** The `Origin` header: the site's own by default (as a browser sends it), null for none. */
  origin?: string | null;
}

/**
 * A browser-like API client: keeps its session cookie across calls and sends the site's Origin.
 * `user` is set for clients made by `createUser`.
 */
export class TestClient {
  cookie: string | null = null;

  constructor(
    readonly srv: TestServer,
    readonly user: User | null = null,
    readonly password: string | null = null,
  ) {}

  get = <T = unknown>(path: string, options?: RequestOptions) => this.request<T>("GET", path, options);
  post = <T = unknown>(path: string, body?: unknown, options?: RequestOptions) =>
    this.request<T>("POST", path, { body, ...options });
  patch = <T = unknown>(path: string, body?: unknown, options?: RequestOptions) =>
    this.request<T>("PATCH", path, { body, ...options });
  delete = <T = unknown>(path: string, options?: RequestOptions) => this.request<T>("DELETE", path, options);

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    const origin = options.origin === undefined ? this.srv.origin : options.origin;
    if (origin !== null) headers.Origin = origin;
    if (this.cookie) headers.Cookie = `${SESSION_COOKIE}=${this.cookie}`;
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      headers["Content-Type"] = "application/json";
    }
    const response = await fetch(this.srv.url + path, { method, headers, body });
    this.keepCookie(response.headers);
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    const error = (parsed as Partial<ApiError> | null)?.error;
    return { status: response.status, body: parsed as T, error, headers: response.headers };
  }

  /** Signs in again with this user's password, giving a second client with its own session. */
  async signIn(): Promise<TestClient> {
    if (!this.user || !this.password) throw new Error("an anonymous client cannot sign in");
    const client = new TestClient(this.srv, this.user, this.password);
    const reply = await client.post("/api/auth/login", { email: this.user.email, password: this.password });
    if (reply.status !== 200)
      throw new Error(`sign-in failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return client;
  }

  private keepCookie(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = (pair ?? "").split("=");
      if (name?.trim() === SESSION_COOKIE) this.cookie = value ? value : null;
    }
  }
}

let counter = 0;

/** A fresh email no other test uses. */
export const uniqueEmail = (label = "user"): string =>
  `${label}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;

export const TEST_PASSWORD = "correct horse battery staple";

/** Signs up a new user through the API and returns their signed-in client. */
export async function createUser(
  srv: TestServer,
  overrides: { email?: string; name?: string; password?: string; locale?: "en" | "es" | "fr" } = {},
): Promise<TestClient> {
  const password = overrides.password ?? TEST_PASSWORD;
  const anonymous = new TestClient(srv);
  const reply = await anonymous.post<UserResponse>("/api/auth/signup", {
    email: overrides.email ?? uniqueEmail(),
    name: overrides.name ?? `Test User ${counter}`,
    password,
    ...(overrides.locale ? { locale: overrides.locale } : {}),
  });
  if (reply.status !== 201) throw new Error(`sign-up failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const client = new TestClient(srv, reply.body.user, password);
  client.cookie = anonymous.cookie;
  return client;
}

/** Creates a workspace as `client` (who becomes its facilitator). */
export async function createWorkspace(
  client: TestClient,
  body: Record<string, unknown> = {},
): Promise<Workspace> {
  const reply = await client.post<WorkspaceResponse>("/api/workspaces", {
    name: "Open Springfield",
    jurisdiction: "Springfield",
    ...body,
  });
  if (reply.status !== 201)
    throw new Error(`workspace creation failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.workspace;
}

/** Creates an invitation as a facilitator and returns its token and url. */
export async function invite(
  facilitator: TestClient,
  workspaceId: string,
  body: { role: Role; sector: Sector; expiresAt?: string; maxUses?: number },
): Promise<CreatedInvitationResponse["invitation"]> {
  const reply = await facilitator.post<CreatedInvitationResponse>(
    `/api/workspaces/${workspaceId}/invitations`,
    body,
  );
  if (reply.status !== 201)
    throw new Error(`invitation failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.invitation;
}

/** A new user who joined `workspaceId` through an invitation with this role and sector. */
export async function joinAs(
  srv: TestServer,
  workspaceId: string,
  facilitator: TestClient,
  role: Role,
  sector: Sector = "civil_society",
): Promise<TestClient> {
  const { token } = await invite(facilitator, workspaceId, { role, sector });
  const client = await createUser(srv, { name: `A ${role}` });
  const reply = await client.post<MembershipResponse>(`/api/invitations/${token}/accept`, {});
  if (reply.status !== 200) throw new Error(`joining failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return client;
}

/** A client with no session. */
export const anonymous = (srv: TestServer): TestClient => new TestClient(srv);

/** "Fiona Facilitator", a government facilitator, and the workspace she created. */
export async function createFacilitatedWorkspace(
  srv: TestServer,
): Promise<{ facilitator: TestClient; workspaceId: string }> {
  const facilitator = await createUser(srv, { name: "Fiona Facilitator" });
  const workspaceId = (await createWorkspace(facilitator, { sector: "government" })).id;
  return { facilitator, workspaceId };
}

/** A facilitated workspace with one member of each other role, and a stranger outside it. */
export interface Cast {
  facilitator: TestClient;
  workspaceId: string;
  /** From academia. */
  drafter: TestClient;
  /** From civil society. */
  commenter: TestClient;
  /** A citizen. */
  viewer: TestClient;
  stranger: TestClient;
}

/** Builds the {@link Cast} most route tests work with. */
export async function createCast(srv: TestServer): Promise<Cast> {
  const { facilitator, workspaceId } = await createFacilitatedWorkspace(srv);
  const drafter = await joinAs(srv, workspaceId, facilitator, "drafter", "academia");
  const commenter = await joinAs(srv, workspaceId, facilitator, "commenter", "civil_society");
  const viewer = await joinAs(srv, workspaceId, facilitator, "viewer", "citizen");
  const stranger = await createUser(srv);
  return { facilitator, workspaceId, drafter, commenter, viewer, stranger };
}
