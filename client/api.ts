import type { ApiError as ApiErrorBody } from "@shared/api";
import { takeEarly } from "./boot";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const { error } = value;
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string";
}

const JSON_ACCEPT = { Accept: "application/json" };
const JSON_BODY = { ...JSON_ACCEPT, "Content-Type": "application/json" };

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    // A GET the page's boot already started (boot.ts) is answered by that request, when it
    // succeeded: a refusal may be stale (asked before a sign-in), so it is asked again.
    const started = method === "GET" && body === undefined ? takeEarly(path) : null;
    const early = started && (await started.catch(() => null));
    response = early?.ok
      ? early
      : await fetch(path, {
          method,
          credentials: "same-origin",
          headers: body === undefined ? JSON_ACCEPT : JSON_BODY,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
  } catch (cause) {
    throw new ApiError(0, "network_error", cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  if (isErrorBody(payload)) {
    const { code, message, issues } = payload.error;
    throw new ApiError(response.status, code, message, issues);
  }
  throw new ApiError(response.status, `http_${response.status}`, response.statusText);
}

/** Typed JSON calls to the Cocrea REST API (same origin, session cookie). Errors throw `ApiError`. */
export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: (path: string) => request<void>("DELETE", path),
};
